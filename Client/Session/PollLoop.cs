using CoordinationService.Errors;
using CoordinationService.Grains;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Client.Session;

/// <summary>
/// Keeps the session alive and brings events while no request is going: one long poll after another,
/// each waiting up to a third of the session timeout (the silo answers early when events arrive).
/// </summary>
internal sealed class PollLoop(SessionContext session, Reconnector reconnector, EventDispatcher dispatcher, ILogger logger)
{
    // After a fault that is neither transport nor status, pause before polling again rather than spin.
    private static readonly TimeSpan FaultPause = TimeSpan.FromSeconds(1);

    // Stays well under Orleans' default 30 s response timeout, which would otherwise cut long polls of long sessions.
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(20);

    public async Task RunAsync()
    {
        var stopping = session.Stopping;
        while (!stopping.IsCancellationRequested)
        {
            var connection = session.Connection;
            try
            {
                var maxWait = TimeSpan.FromMilliseconds(Math.Clamp(session.TimeoutMs / 3, 1, LongestPoll.TotalMilliseconds));
                var request = new PollRequest(
                    session.Id, connection.Attachment, dispatcher.AckedSeqFor(connection.Attachment), maxWait);
                // A poll is answered by maxWait; one that takes much longer went to a silo that is gone.
                var reply = await session.AwaitCallAsync(connection.Grain.Poll(request), connection, maxWait + AnswerGrace(session.TimeoutMs))
                    .ConfigureAwait(false);
                session.Touch();
                switch (reply.Status)
                {
                    case SessionStatus.Active:
                        session.ObserveReadOnly(reply.ReadOnly);
                        dispatcher.Deliver(connection.Attachment, reply.Events);
                        break;
                    case SessionStatus.NotAttached:
                        await reconnector.ReattachAsync(connection).ConfigureAwait(false);
                        break;
                    case SessionStatus.Expired:
                        session.End(SessionState.Expired);
                        return;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SessionExpiredException)
            {
                return;
            }
            catch (Exception ex) when (TransportErrors.IsTransient(ex))
            {
                Log.TransportFailure(logger, session.Id, ex);
                session.Disconnected(connection);
                if (!await TryReattachAsync(connection).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (Exception ex)
            {
                Log.CallFailed(logger, session.Id, ex);
                try
                {
                    await Task.Delay(FaultPause, session.Time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A sixth of the session timeout, at least a second: found dead by then, the session still has most of its timeout to attach anew.</summary>
    private static TimeSpan AnswerGrace(int timeoutMs) => TimeSpan.FromMilliseconds(Math.Max(1000, timeoutMs / 6));

    private async Task<bool> TryReattachAsync(Connection stale)
    {
        try
        {
            await reconnector.ReattachAsync(stale).ConfigureAwait(false);
            return true;
        }
        catch (SessionExpiredException)
        {
            return false;
        }
    }
}
