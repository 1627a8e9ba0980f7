using System.Net;

namespace CoordinationService.Client;

/// <summary>How a <see cref="CoordinationClient"/> opens (or resumes) its session and where it finds the cluster.</summary>
public sealed class CoordinationClientOptions
{
    /// <summary>Requested session timeout; the server may negotiate it. Default 10 s, as ZooKeeper clients commonly use.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a caller waits for one operation before it fails with OperationTimeout. Default 30 s
    /// (Orleans' own response timeout), so a hung call surfaces rather than waits forever.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When set, the client re-attaches to this existing session instead of opening a new one.</summary>
    public SessionResumeInfo? ResumeSession { get; set; }

    /// <summary>Most requests sent in one ordered batch. Default 256.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>First delay between reconnect attempts; it grows exponentially with jitter. Default 100 ms.</summary>
    public TimeSpan ReconnectBaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of the delay between reconnect attempts. Default 2 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gateway port on localhost, used by <c>AddCoordinationClient</c> when <see cref="Gateways"/> is empty. Default 30000 (Orleans' default).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Cluster mode: the Npgsql connection string of the silos' database (their
    /// <c>Coordination:ConnectionString</c>); <c>AddCoordinationClient</c> then finds the gateways in
    /// its membership table and ignores <see cref="Gateways"/> and <see cref="GatewayPort"/>. Unset by default.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Static gateway endpoints for <c>AddCoordinationClient</c>; empty means localhost clustering on <see cref="GatewayPort"/>.</summary>
    public IList<IPEndPoint> Gateways { get; } = [];

    /// <summary>Orleans cluster id for <c>AddCoordinationClient</c>. Default "coordination", as the Silo host.</summary>
    public string ClusterId { get; set; } = "coordination";

    /// <summary>Orleans service id for <c>AddCoordinationClient</c>. Default "coordination", as the Silo host.</summary>
    public string ServiceId { get; set; } = "coordination";
}
