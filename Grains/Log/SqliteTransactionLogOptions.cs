namespace CoordinationService.Log;

public sealed class SqliteTransactionLogOptions
{
    /// <summary>The database file; created with its schema if missing. Its directory must exist.</summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>
    /// How long a write waits for another connection (another leader activation, another process)
    /// to release the file's write lock before failing. Default 30 seconds.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
