namespace CoordinationService.Log.Postgres;

/// <summary>The cluster mode's log store, validated at start; the Silo host fills it from <c>Coordination:ConnectionString</c>.</summary>
public sealed class PostgresTransactionLogOptions
{
    /// <summary>
    /// An Npgsql connection string to the cluster's database, e.g.
    /// <c>Host=db;Database=coordination;Username=cs;Password=…</c>. The log keeps its tables in the
    /// schema <c>coordination_log</c> there, created at start if missing. No default.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;
}
