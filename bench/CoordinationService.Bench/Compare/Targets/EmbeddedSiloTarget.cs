using System.Net;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>One silo in its embedded default (SQLite log in a temp directory), as <c>dotnet run --project Silo</c> starts it.</summary>
public sealed class EmbeddedSiloTarget : ISiloTarget
{
    private readonly SiloLauncher _silo;

    private EmbeddedSiloTarget(SiloLauncher silo) => _silo = silo;

    public TargetKind Kind => TargetKind.Embedded;

    public string Description => $"one silo (PID {_silo.Pid}), SQLite log, ZooKeeper port {_silo.ZooKeeper}";

    public IReadOnlyList<IPEndPoint> ZooKeeperEndPoints => [_silo.ZooKeeper];

    public IReadOnlyList<IPEndPoint> OrleansGateways => [_silo.Gateway];

    public static async Task<EmbeddedSiloTarget> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken ct) =>
        new(await SiloLauncher.StartAsync(settings, ct));

    public TimeSpan ServerCpu() => _silo.CpuTime;

    public ValueTask DisposeAsync() => _silo.DisposeAsync();
}
