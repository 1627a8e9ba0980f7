namespace CoordinationService.Bench.Zk;

/// <summary>A reply whose header carried a non-zero err (ZooKeeper's KeeperException.Code), e.g. -101 NoNode, -110 NodeExists.</summary>
public sealed class ZkErrorException(string operation, string path, int err)
    : Exception($"{operation} {path}: ZooKeeper error {err}")
{
    public int Err { get; } = err;
}

/// <summary>The connection is gone (closed by the server, reset, or a reply that breaks the protocol); every call on it fails.</summary>
public sealed class ZkConnectionLostException(string message, Exception? inner = null) : Exception(message, inner);
