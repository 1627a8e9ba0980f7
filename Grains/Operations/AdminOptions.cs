namespace CoordinationService.Operations;

/// <summary>
/// The silo's admin HTTP port: metrics, health endpoints and the web view; bound from the "Admin"
/// section (Admin__Port=9090 in the environment).
/// </summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>HTTP port of /metrics, /health/live, /health/ready, the web view and /api. Default 8180 (not 8080, where a ZooKeeper 3.5+ on the same machine runs its AdminServer).</summary>
    public int Port { get; set; } = 8180;

    /// <summary>Address to bind. Default 127.0.0.1 (loopback only); 0.0.0.0 inside a container.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Bearer token that allows the web view and /api to create, change and delete znodes. Unset
    /// (default): read-only.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>
    /// Ready means the replica is at most this many txns behind the log. Default 1,000: one full group
    /// commit, which a healthy replica under full write load can trail by for a moment.
    /// </summary>
    public int ReadyMaxLagTxns { get; set; } = 1_000;

    /// <summary>How long readiness waits for the log store to answer before calling it down. Default 2 s.</summary>
    public int LogStoreTimeoutMs { get; set; } = 2_000;

    public bool Writable => !string.IsNullOrEmpty(Token);
}
