using CoordinationService.Gateway.Protocol;

namespace CoordinationService.Gateway;

/// <summary>The ZooKeeper wire gateway of one silo; bound from the "ZooKeeper" configuration section.</summary>
public sealed class ZooKeeperGatewayOptions
{
    public const string SectionName = "ZooKeeper";

    /// <summary>Whether this silo listens for ZooKeeper clients. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address to bind. Default 127.0.0.1 (loopback only).</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>ZooKeeper client port. Default 2181.</summary>
    public int Port { get; set; } = 2181;

    /// <summary>Largest request accepted, in bytes after the length prefix (ZooKeeper's jute.maxbuffer). Default 1,048,575.</summary>
    public int MaxRequestBytes { get; set; } = JuteLimits.MaxBuffer;

    /// <summary>How long a reconnecting client that has seen a newer zxid than this silo waits before it is refused. Default 2 s.</summary>
    public int CatchUpWaitMs { get; set; } = 2000;
}
