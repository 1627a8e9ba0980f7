using CoordinationService.Client;
using CoordinationService.Client.Locks;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Interop;

/// <summary>
/// kazoo's lock recipes (over the ZooKeeper port) and the .NET lock (over the Orleans gateway) on
/// the same paths of one silo process: they queue in one line, in the same order, and exclude
/// each other both ways; kazoo's ReadLock shares a .NET read lock and its WriteLock waits for it.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class KazooLockInteropTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task KazooAndDotNetLocksOnOnePathExcludeEachOther()
    {
        await using var orleans = await ExternalClient.ConnectAsync(fixture.GatewayPort);
        await using var dotnet = await CoordinationClient.ConnectAsync(orleans.Client, new CoordinationClientOptions());
        var locks = new LockClient(dotnet);
        var path = $"/interop-locks/{Guid.NewGuid():N}";
        var rwPath = path + "-rw";
        await using var kazoo = InteractiveScript.Start("lock_interop.py", fixture.Hosts, "--path", path, "--rwpath", rwPath);

        var kazooNode = (await kazoo.ExpectLineAsync("HOLDING", Step))["HOLDING ".Length..];
        Assert.Null(await locks.TryAcquireAsync(path, TimeSpan.FromMilliseconds(500)));
        var queued = locks.AcquireAsync(path, Step);
        await Eventually.TrueAsync(async () => (await dotnet.GetChildrenAsync(path)).Names.Count == 2, Step, "the .NET contender queued");
        Assert.False(queued.IsCompleted, "the .NET lock was granted while kazoo held it");
        await kazoo.SendLineAsync("RELEASE");
        await kazoo.ExpectLineAsync("RELEASED", Step);
        var held = await queued.WaitAsync(Step);
        Assert.DoesNotContain(kazooNode, (await dotnet.GetChildrenAsync(path)).Names);

        await kazoo.SendLineAsync("DOTNET-HOLDS");
        await kazoo.ExpectLineAsync("OK kazoo's Lock is excluded", Step);
        var kazooQueued = (await kazoo.ExpectLineAsync("QUEUED", Step))["QUEUED ".Length..];
        await held.DisposeAsync();
        await kazoo.SendLineAsync("DOTNET-RELEASED");
        await kazoo.ExpectLineAsync("OK kazoo's Lock waited", Step);
        await kazoo.ExpectLineAsync("KAZOO-HOLDS", Step);
        await dotnet.SyncAsync(path);
        Assert.Equal([kazooQueued], (await dotnet.GetChildrenAsync(path)).Names);
        Assert.Null(await locks.TryAcquireAsync(path, TimeSpan.FromMilliseconds(500)));
        await kazoo.SendLineAsync("DONE");

        await using var reader = await new ReadWriteLockClient(dotnet).AcquireReadAsync(rwPath, Step);
        await kazoo.SendLineAsync("READER-HOLDS");
        await kazoo.ExpectLineAsync("OK kazoo's ReadLock shares", Step);
        await kazoo.AssertSucceededAsync(Step);
    }
}
