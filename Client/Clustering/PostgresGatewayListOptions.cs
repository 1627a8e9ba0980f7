namespace CoordinationService.Client.Clustering;

/// <summary>Where an Orleans client reads the gateway list of a cluster-mode deployment.</summary>
public sealed class PostgresGatewayListOptions
{
    /// <summary>The Npgsql connection string the silos were given as <c>Coordination:ConnectionString</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;
}
