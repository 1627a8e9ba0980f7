using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Interop;

/// <summary>
/// kazoo connected to a 3-silo cluster (three real processes, one shared data directory) keeps its
/// session when the silo it talks to is killed -9: it reconnects to another silo with the same
/// session id, its ephemeral is still there, and a watch set before the kill fires afterwards.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class KazooFailoverTests
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task KazooReconnectsToAnotherSiloWithTheSameSession()
    {
        using var directory = new TempDirectory();
        var shared = new Dictionary<string, string> { ["Coordination__DataDirectory"] = Path.Combine(directory.Path, "data") };
        var primaryPort = FreePort.Next();
        await using var primary = await SiloProcess.StartAsync(directory.Path, primaryPort, FreePort.Next(), shared);
        var joining = new Dictionary<string, string>(shared) { ["Silo__PrimarySiloPort"] = primaryPort.ToString() };
        await using var second = await SiloProcess.StartAsync(directory.Path, FreePort.Next(), FreePort.Next(), joining);
        await using var third = await SiloProcess.StartAsync(directory.Path, FreePort.Next(), FreePort.Next(), joining);
        SiloProcess[] silos = [second, third, primary];

        // Hosts in this order, not shuffled: kazoo starts on a secondary silo, because the primary
        // is the membership seed of development clustering and its loss is another story.
        await using var kazoo = InteractiveScript.Start("reconnect.py", InteropTools.Hosts(silos));
        var connected = (await kazoo.ExpectLineAsync("CONNECTED ", Step)).Split(' ');
        var victim = silos.Single(s => s.ZooKeeperPort == int.Parse(connected[1]));
        Assert.NotSame(primary, victim);

        await victim.KillAsync();
        await kazoo.SendLineAsync("KILLED");

        var reconnected = await kazoo.ExpectLineAsync("RECONNECTED ", Step);
        Assert.NotEqual(victim.ZooKeeperPort, int.Parse(reconnected.Split(' ')[1]));
        await kazoo.ExpectLineAsync("OK same session", Step);
        await kazoo.AssertSucceededAsync(Step);
    }
}
