namespace CoordinationService.Cli.Connection;

/// <summary>No session could be opened: no gateway answered, the database listed none, or it took too long.</summary>
public sealed class ClusterUnreachableException(string where, string reason, Exception? inner = null)
    : Exception($"cannot reach the cluster at {where}: {reason}", inner);
