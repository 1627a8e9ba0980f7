using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Locks;

/// <summary>Three in-process silos on one embedded (SQLite) log; client i talks to silo i % 3.</summary>
public sealed class EmbeddedLockTestBed : LockTestBed
{
    private CoordinationCluster? _cluster;

    public override TimeSpan ShortSessionTimeout => TimeSpan.FromSeconds(2);

    public override async Task InitializeAsync() => _cluster = await CoordinationCluster.StartAsync(silos: 3);

    public override async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    protected override IGrainFactory GrainsFor(int index) =>
        (_cluster ?? throw new InvalidOperationException("not started")).GrainsOf(index % 3);
}
