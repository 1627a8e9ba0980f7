using CoordinationService.Tests.Log;

namespace CoordinationService.Tests.Linearizability.Faults;

/// <summary>
/// One throwaway PostgreSQL and one three-silo cluster on it for all the fault runs of a test class:
/// starting them is most of a short run's cost. Each run works under its own root and leaves the
/// cluster healed.
/// </summary>
public sealed class FaultClusterFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;
    private FaultCluster? _cluster;

    internal FaultCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    public async Task InitializeAsync()
    {
        _postgres = new PostgresServer();
        _cluster = await FaultCluster.StartAsync(_postgres);
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _postgres?.Dispose();
    }
}
