using Microsoft.Extensions.Logging;

namespace CoordinationService.Gateway;

internal static partial class GatewayLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "ZooKeeper gateway listening on {Endpoint}")]
    public static partial void Listening(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closed connection from {Remote}: {Reason}")]
    public static partial void ClosedBadInput(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Connection from {Remote} failed and was closed")]
    public static partial void Failed(ILogger logger, Exception exception, string remote);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connection from {Remote} ended: {Reason}")]
    public static partial void Ended(ILogger logger, string remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused session 0x{Session:x} from {Remote}: it has seen zxid 0x{ClientZxid:x}, this silo only 0x{SiloZxid:x}")]
    public static partial void ClientAhead(ILogger logger, long session, string remote, long clientZxid, long siloZxid);
}
