using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Log;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Locks;

/// <summary>
/// Cluster mode as deployed: three silo processes sharing a throwaway PostgreSQL (membership and
/// log), clients in this process connected through each silo's Orleans gateway.
/// </summary>
public sealed class ClusterModeLockTestBed : LockTestBed
{
    private readonly List<ExternalClient> _gateways = [];
    private PostgresServer? _postgres;
    private ClusterModeSilos? _silos;

    // Silo processes run with the default tick of 2 s: sessions are at least two ticks.
    public override TimeSpan ShortSessionTimeout => TimeSpan.FromSeconds(4);

    public override async Task InitializeAsync()
    {
        _postgres = new PostgresServer();
        _silos = new ClusterModeSilos(await _postgres.CreateDatabaseAsync(), 3);
        await _silos.StartAllAsync();
        foreach (var port in _silos.GatewayPorts)
        {
            _gateways.Add(await ExternalClient.ConnectAsync(port));
        }
    }

    public override async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }

        if (_silos is not null)
        {
            await _silos.DisposeAsync();
        }

        _postgres?.Dispose();
    }

    protected override IGrainFactory GrainsFor(int index) => _gateways[index % _gateways.Count].Client;
}
