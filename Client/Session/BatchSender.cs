using CoordinationService.Errors;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Client.Session;

/// <summary>
/// Sends one ordered batch until every request in it has an outcome: re-attaches and resends on
/// NotAttached (nothing ran), fails writes with ConnectionLoss and resends reads after a transport
/// failure (a write's fate is then unknown and resending it is not safe), and completes callers in
/// issue order after the reply's events were dispatched.
/// </summary>
internal sealed class BatchSender(
    SessionContext session,
    Reconnector reconnector,
    WatchRegistry registry,
    EventDispatcher dispatcher,
    ILogger logger)
{
    public async Task SendAsync(IReadOnlyList<PendingRequest> batch)
    {
        var outcomes = new Outcome?[batch.Count];
        var open = new List<int>(batch.Count);
        while (true)
        {
            open.Clear();
            for (var i = 0; i < batch.Count; i++)
            {
                if (outcomes[i] is null)
                {
                    open.Add(i);
                }
            }

            if (open.Count == 0)
            {
                break;
            }

            if (session.IsEnded)
            {
                foreach (var i in open)
                {
                    outcomes[i] = new Outcome(null, session.EndedException(batch[i].Path));
                }

                break;
            }

            await RunOnceAsync(batch, open, outcomes).ConfigureAwait(false);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            var pending = batch[i];
            // Every slot holds an outcome here: the loop above ends only when none is open.
            var outcome = outcomes[i].GetValueOrDefault();
            if (outcome.Reply is { } reply)
            {
                pending.Complete(reply);
            }
            else
            {
                if (pending.Watch is { } watch)
                {
                    registry.Discard(watch);
                }

                pending.Fail(outcome.Error ?? session.EndedException(pending.Path));
            }
        }
    }

    private async Task RunOnceAsync(IReadOnlyList<PendingRequest> batch, List<int> open, Outcome?[] outcomes)
    {
        var connection = session.Connection;
        var requests = new ClientRequest[open.Count];
        for (var k = 0; k < open.Count; k++)
        {
            requests[k] = batch[open[k]].Request;
        }

        BatchReply reply;
        try
        {
            var call = connection.Grain.Execute(new SessionBatch(
                session.Id,
                connection.Attachment,
                session.LastZxidSeen,
                dispatcher.AckedSeqFor(connection.Attachment),
                requests));
            reply = await session.AwaitCallAsync(call, connection, session.ReadTimeout).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (session.Stopping.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (TransportErrors.IsTransient(ex))
        {
            Log.TransportFailure(logger, session.Id, ex);
            foreach (var i in open)
            {
                if (batch[i].Request is WriteRequest)
                {
                    outcomes[i] = new Outcome(null, new ConnectionLossException(batch[i].Path));
                }
            }

            session.Disconnected(connection);
            await ReattachAsync(connection).ConfigureAwait(false);
            return;
        }
        catch (Exception ex)
        {
            // The coordinator itself failed the call: a fault of this batch, not of the session.
            Log.CallFailed(logger, session.Id, ex);
            foreach (var i in open)
            {
                outcomes[i] = new Outcome(null, ex);
            }

            return;
        }

        session.Touch();
        switch (reply.Status)
        {
            case SessionStatus.NotAttached:
                await ReattachAsync(connection).ConfigureAwait(false);
                return;
            case SessionStatus.Expired:
                session.End(SessionState.Expired);
                return;
        }

        session.ObserveReadOnly(reply.ReadOnly);
        if (reply.Replies.Count != open.Count)
        {
            var error = new CoordinationException(
                ResultCode.SystemError, message: $"The coordinator answered {reply.Replies.Count} replies to {open.Count} requests");
            foreach (var i in open)
            {
                outcomes[i] = new Outcome(null, error);
            }

            return;
        }

        List<WatchCompletion>? completions = null;
        for (var k = 0; k < open.Count; k++)
        {
            var pending = batch[open[k]];
            var opReply = reply.Replies[k];
            session.ObserveZxid(opReply.Zxid);
            outcomes[open[k]] = new Outcome(opReply, null);
            if (pending.Watch is { } watch)
            {
                if (pending.IsAbandoned)
                {
                    registry.Discard(watch);
                }
                else
                {
                    (completions ??= []).Add(new WatchCompletion(watch, pending.Request, opReply));
                }
            }
        }

        dispatcher.Deliver(connection.Attachment, reply.Events, completions);
    }

    private async Task ReattachAsync(Connection stale)
    {
        try
        {
            await reconnector.ReattachAsync(stale).ConfigureAwait(false);
        }
        catch (SessionExpiredException)
        {
            // The session ended; the caller's loop turns that into outcomes.
        }
    }

    private readonly record struct Outcome(OpReply? Reply, Exception? Error);
}
