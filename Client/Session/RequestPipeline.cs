using System.Threading.Channels;

namespace CoordinationService.Client.Session;

/// <summary>
/// The session's sender: one queue, one batch in flight. Whatever queued up while the previous batch
/// was out goes next, in issue order, as one batch — so requests complete in the order issued and
/// pipelined callers share round trips.
/// </summary>
internal sealed class RequestPipeline(SessionContext session, BatchSender sender, int maxBatchSize)
{
    // Not single-reader: when the session ends, FailQueued drains it while the sender loop may still read.
    private readonly Channel<PendingRequest> _queue =
        Channel.CreateUnbounded<PendingRequest>(new UnboundedChannelOptions { SingleReader = false });

    public void Enqueue(PendingRequest pending)
    {
        if (session.IsEnded || !_queue.Writer.TryWrite(pending))
        {
            pending.Fail(session.EndedException(pending.Path));
        }
    }

    /// <summary>Stops taking requests; those already queued still go out.</summary>
    public void Seal() => _queue.Writer.TryComplete();

    public async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingRequest>(maxBatchSize);
        try
        {
            while (await reader.WaitToReadAsync(session.Stopping).ConfigureAwait(false))
            {
                while (batch.Count < maxBatchSize && reader.TryRead(out var pending))
                {
                    if (!pending.IsAbandoned)
                    {
                        batch.Add(pending);
                    }
                }

                if (batch.Count > 0)
                {
                    await sender.SendAsync(batch).ConfigureAwait(false);
                    batch.Clear();
                }
            }
        }
        catch (OperationCanceledException) when (session.Stopping.IsCancellationRequested)
        {
        }
        finally
        {
            FailQueued();
        }
    }

    /// <summary>The session ended: whatever is still queued fails the way ZooKeeper fails it.</summary>
    public void FailQueued()
    {
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out var pending))
        {
            pending.Fail(session.EndedException(pending.Path));
        }
    }
}
