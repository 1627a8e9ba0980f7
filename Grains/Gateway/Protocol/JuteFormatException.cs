namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// A record's bytes are not valid jute: truncated, a negative length other than -1, or a length
/// over the configured maximum. ZooKeeper answers such a request body with MarshallingError (-5).
/// </summary>
public sealed class JuteFormatException(string message) : Exception(message);
