using System.Text;
using CoordinationService.Client;
using CoordinationService.Tests.Support;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Interop;

/// <summary>
/// The .NET client (through the Orleans gateway) and kazoo (through the ZooKeeper port) on one
/// silo process and one tree: each sees the other's writes, and each one's watches fire for the
/// other's changes.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class CrossClientTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DotNetAndKazooSeeEachOthersWritesAndWatches()
    {
        await using var orleans = await ExternalClient.ConnectAsync(fixture.GatewayPort);
        await using var dotnet = await CoordinationClient.ConnectAsync(orleans.Client, new CoordinationClientOptions());
        const string root = "/cross";
        await dotnet.CreateAsync(root, []);
        var kazooCreated = new TaskCompletionSource<WatchEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Assert.Null(await dotnet.ExistsAsync(root + "/from-kazoo", e => kazooCreated.TrySetResult(e)));

        await using var kazoo = InteractiveScript.Start("cross_client.py", fixture.Hosts, "--root", root);
        await kazoo.ExpectLineAsync("WATCHING", Step);

        var created = await kazooCreated.Task.WaitAsync(Step);
        Assert.Equal(new WatchEvent(WatchEventType.NodeCreated, root + "/from-kazoo", created.Zxid), created);
        var kazooDeleted = new TaskCompletionSource<WatchEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        var written = await dotnet.GetDataAsync(root + "/from-kazoo", e => kazooDeleted.TrySetResult(e));
        Assert.Equal("hello from kazoo", Encoding.UTF8.GetString(written.Data));
        Assert.Equal(created.Zxid, written.Stat.Czxid);

        await dotnet.CreateAsync(root + "/from-dotnet", Encoding.UTF8.GetBytes("hello from dotnet"));
        await kazoo.SendLineAsync("CREATED");
        await kazoo.ExpectLineAsync("OK kazoo saw", Step);
        await kazoo.AssertSucceededAsync(Step);

        var deleted = await kazooDeleted.Task.WaitAsync(Step);
        Assert.Equal(WatchEventType.NodeDeleted, deleted.Type);
        Assert.Equal(root + "/from-kazoo", deleted.Path);
        Assert.Null(await dotnet.ExistsAsync(root + "/from-kazoo"));
    }
}
