using System.Threading.Channels;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Front;

/// <summary>
/// Sends this silo's writes to the leader in batches: whatever is waiting goes in one call. A
/// session's writes of one request batch are queued together, so they reach the leader in order
/// in the same call. Replies are held until this silo's replica has applied them, which is what
/// gives a client read-your-writes on the silo it talks to.
/// </summary>
public sealed class WriteForwarder
{
    private const int MaxWritesPerCall = 1_000;
    private const int CallsInFlight = 4;

    private readonly Channel<ForwardedGroup> _queue = Channel.CreateUnbounded<ForwardedGroup>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IGrainFactory _grains;
    private readonly Replica _replica;
    private readonly LeaderContact _contact;
    private readonly SemaphoreSlim _inFlight = new(CallsInFlight);

    public WriteForwarder(IGrainFactory grains, Replica replica, LeaderContact contact)
    {
        _grains = grains;
        _replica = replica;
        _contact = contact;
    }

    /// <summary>Submits a session's writes, in order, checked against <paramref name="auth"/>; replies in the same order once applied locally.</summary>
    public Task<IReadOnlyList<OpReply>> SubmitAsync(SessionId session, IReadOnlyList<WriteRequest> writes, IReadOnlyList<AuthId>? auth = null)
    {
        // No identities travel as null, which the leader reads as none: nothing extra on the wire.
        var sent = auth is { Count: > 0 } ? auth : null;
        var group = new ForwardedGroup([.. writes.Select(w => new SubmittedWrite(session, w, sent))]);
        if (!_queue.Writer.TryWrite(group))
        {
            return Task.FromException<IReadOnlyList<OpReply>>(new InvalidOperationException("The silo is stopping"));
        }

        return group.Completion.Task;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync(stopping).ConfigureAwait(false))
        {
            var groups = new List<ForwardedGroup>();
            var count = 0;
            while (count < MaxWritesPerCall && reader.TryRead(out var group))
            {
                groups.Add(group);
                count += group.Writes.Count;
            }

            await _inFlight.WaitAsync(stopping).ConfigureAwait(false);
            _ = ForwardAsync(groups);
        }
    }

    public void Stop() => _queue.Writer.TryComplete();

    private async Task ForwardAsync(List<ForwardedGroup> groups)
    {
        try
        {
            var writes = groups.Count == 1 ? groups[0].Writes : [.. groups.SelectMany(g => g.Writes)];
            var reply = await _grains.GetGrain<IAtomicBroadcastGrain>(0).Submit(writes).ConfigureAwait(false);
            _contact.Reached();
            var replies = reply.Replies;
            _replica.ApplyIfNext(reply.Committed);
            var highest = replies.Count == 0 ? 0 : replies.Max(r => r.Zxid);
            await _replica.WaitForAppliedAsync(highest).ConfigureAwait(false);

            var offset = 0;
            foreach (var group in groups)
            {
                group.Completion.TrySetResult([.. replies.Skip(offset).Take(group.Writes.Count)]);
                offset += group.Writes.Count;
            }
        }
        catch (Exception exception)
        {
            // The leader was unreachable or stepped down mid-append: the outcome is unknown to us,
            // which is exactly what ZooKeeper's ConnectionLoss tells a client.
            _contact.Lost();
            foreach (var group in groups)
            {
                group.Completion.TrySetException(exception);
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private sealed class ForwardedGroup(IReadOnlyList<SubmittedWrite> writes)
    {
        public IReadOnlyList<SubmittedWrite> Writes { get; } = writes;

        public TaskCompletionSource<IReadOnlyList<OpReply>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
