using System.Net;

namespace CoordinationService.Bench.Zk;

/// <summary>
/// The ZooKeeper-protocol mode: the common options (their InFlight is the total, sessions × in flight per
/// session) and which server to drive — a running one (<see cref="Target"/>), a ZooKeeper the bench starts
/// (<see cref="ZooKeeperJar"/>), or by default the bench's own silo on its ZooKeeper port.
/// </summary>
public sealed record ZooKeeperBenchOptions(BenchOptions Common, IPEndPoint? Target, string? ZooKeeperJar)
{
    /// <summary>What the session asks for in its ConnectRequest; the server may negotiate it down.</summary>
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Validate()
    {
        foreach (var problem in Common.Validate())
        {
            yield return problem;
        }

        if (Target is not null && ZooKeeperJar is not null)
        {
            yield return "--target and --zookeeper-jar exclude each other: drive a running server, or start one.";
        }

        if ((Target is not null || ZooKeeperJar is not null) && Common.SiloSettings.Count > 0)
        {
            yield return "--silo-setting applies only to the silo the bench starts.";
        }

        if (Target is { } target && !IPAddress.IsLoopback(target.Address))
        {
            yield return $"--target must be a loopback address (was {target}): the benchmark only targets this machine.";
        }
    }
}
