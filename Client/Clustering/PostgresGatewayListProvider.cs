using System.Net;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Runtime;

namespace CoordinationService.Client.Clustering;

/// <summary>
/// The gateways of a cluster-mode deployment: the Active silos in the membership table the
/// silos keep in PostgreSQL (schema <c>coordination_cluster</c>, owned and migrated by the silos;
/// this side only reads it, so a client never needs the server's assembly).
/// </summary>
public sealed class PostgresGatewayListProvider : IGatewayListProvider, IAsyncDisposable
{
    private const string SelectGateways =
        "SELECT address, proxy_port, generation FROM coordination_cluster.members " +
        "WHERE cluster_id = $1 AND status = $2 AND proxy_port > 0";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;

    public PostgresGatewayListProvider(
        IOptions<PostgresGatewayListOptions> options, IOptions<ClusterOptions> cluster, IOptions<GatewayOptions> gateways)
    {
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        _clusterId = cluster.Value.ClusterId;
        MaxStaleness = gateways.Value.GatewayListRefreshPeriod;
    }

    public TimeSpan MaxStaleness { get; }

    [Obsolete("Orleans no longer reads this; every provider is updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider() => Task.CompletedTask;

    public async Task<IList<Uri>> GetGateways()
    {
        await using var command = _dataSource.CreateCommand(SelectGateways);
        command.Parameters.Add(new NpgsqlParameter { Value = _clusterId });
        command.Parameters.Add(new NpgsqlParameter { Value = (int)SiloStatus.Active });
        var gateways = new List<Uri>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var endpoint = new IPEndPoint(IPAddress.Parse(reader.GetString(0)), reader.GetInt32(1));
                gateways.Add(SiloAddress.New(endpoint, reader.GetInt32(2)).ToGatewayUri());
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // No silo has started against this database yet: no gateways, as for an empty table.
        }

        return gateways;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
