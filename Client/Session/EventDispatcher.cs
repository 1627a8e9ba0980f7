using CoordinationService.Grains;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Client.Session;

/// <summary>
/// Calls watchers, one event at a time, each event once, in Seq order, whichever reply (a batch's or a
/// poll's) brought it. It is the session's single event thread: watchers run under its lock, so they
/// must not block (hand the event on, as <c>WatchAsync</c> does).
/// </summary>
internal sealed class EventDispatcher(WatchRegistry registry, Action<long> observeZxid, ILogger logger)
{
    private readonly Lock _lock = new();
    private Guid _attachment;
    private long _processedSeq;

    /// <summary>Seqs count per attachment: a new attachment starts from nothing processed.</summary>
    public void Reset(Guid attachment)
    {
        lock (_lock)
        {
            _attachment = attachment;
            _processedSeq = 0;
        }
    }

    /// <summary>The highest Seq processed on <paramref name="attachment"/>: what the next call acknowledges.</summary>
    public long AckedSeqFor(Guid attachment)
    {
        lock (_lock)
        {
            return attachment == _attachment ? _processedSeq : 0;
        }
    }

    /// <summary>Dispatches a reply's events, then settles the watches its requests set (which may fire
    /// events held while they were pending). Events from an attachment no longer current are dropped:
    /// the reattach redelivers what matters from the last zxid seen.</summary>
    public void Deliver(Guid attachment, IReadOnlyList<SessionEvent> events, IReadOnlyList<WatchCompletion>? completions = null)
    {
        lock (_lock)
        {
            if (attachment == _attachment)
            {
                foreach (var sessionEvent in Ordered(events))
                {
                    if (sessionEvent.Seq <= _processedSeq)
                    {
                        continue;
                    }

                    _processedSeq = sessionEvent.Seq;
                    observeZxid(sessionEvent.Event.Zxid);
                    foreach (var entry in registry.Trigger(sessionEvent.Event))
                    {
                        Invoke(entry, sessionEvent.Event);
                    }
                }
            }

            if (completions is null)
            {
                return;
            }

            foreach (var completion in completions)
            {
                foreach (var due in registry.Complete(completion.Entry, completion.Request, completion.Reply))
                {
                    Invoke(completion.Entry, due);
                }
            }
        }
    }

    /// <summary>Calls watchers taken off the server by RemoveWatches with the matching *WatchRemoved event.</summary>
    public void NotifyRemoved(IReadOnlyList<WatchEntry> removed, string path, long zxid)
    {
        lock (_lock)
        {
            foreach (var entry in removed)
            {
                var type = entry.Kind switch
                {
                    WatchKind.Child => WatchEventType.ChildWatchRemoved,
                    WatchKind.Persistent or WatchKind.PersistentRecursive => WatchEventType.PersistentWatchRemoved,
                    _ => WatchEventType.DataWatchRemoved,
                };
                Invoke(entry, new WatchEvent(type, path, zxid));
            }
        }
    }

    /// <summary>Tells every remaining watcher that the session ended; returns after the last one.</summary>
    public void EndAll(Exception? reason)
    {
        lock (_lock)
        {
            foreach (var entry in registry.Clear())
            {
                try
                {
                    entry.Ended?.Invoke(reason);
                }
                catch (Exception ex)
                {
                    Log.WatcherFailed(logger, entry.Path, ex);
                }
            }
        }
    }

    private static IEnumerable<SessionEvent> Ordered(IReadOnlyList<SessionEvent> events)
    {
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].Seq < events[i - 1].Seq)
            {
                return events.OrderBy(e => e.Seq);
            }
        }

        return events;
    }

    private void Invoke(WatchEntry entry, WatchEvent watchEvent)
    {
        try
        {
            entry.Callback(watchEvent);
        }
        catch (Exception ex)
        {
            // A faulty watcher must not stop the others or the session.
            Log.WatcherFailed(logger, entry.Path, ex);
        }
    }
}

/// <summary>A watch-setting request's reply, to settle its pending watch.</summary>
internal readonly record struct WatchCompletion(WatchEntry Entry, ClientRequest Request, OpReply Reply);
