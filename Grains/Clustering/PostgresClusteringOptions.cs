namespace CoordinationService.Clustering;

/// <summary>Where the silos of cluster mode keep their Orleans membership table.</summary>
public sealed class PostgresClusteringOptions
{
    /// <summary>
    /// An Npgsql connection string to the cluster's database, the same one the log uses. The table
    /// lives in the schema <c>coordination_cluster</c>, created at start if missing. No default.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;
}
