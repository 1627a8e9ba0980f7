using CoordinationService.Model;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Client.Session;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Session {Session} is {State}")]
    public static partial void StateChanged(ILogger logger, SessionId session, SessionState state);

    [LoggerMessage(2, LogLevel.Warning, "Session {Session}: transport failure, reconnecting")]
    public static partial void TransportFailure(ILogger logger, SessionId session, Exception exception);

    [LoggerMessage(3, LogLevel.Information, "Session {Session} attached through routing key {RoutingKey} as {Attachment}")]
    public static partial void Attached(ILogger logger, SessionId session, long routingKey, Guid attachment);

    [LoggerMessage(4, LogLevel.Error, "A watcher for {Path} threw")]
    public static partial void WatcherFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "Session {Session}: the coordinator failed a call")]
    public static partial void CallFailed(ILogger logger, SessionId session, Exception exception);

    [LoggerMessage(6, LogLevel.Error, "A StateChanged handler threw")]
    public static partial void StateHandlerFailed(ILogger logger, Exception exception);
}
