using CoordinationService.Acl;
using CoordinationService.Grains;
using CoordinationService.Locks;
using CoordinationService.Model;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Front;

/// <summary>
/// Runs one session batch in ZooKeeper's order: consecutive writes go to the leader together; a
/// read waits until every earlier write of the batch is applied here, and runs before any later
/// write is sent, so it sees exactly the writes issued before it. Reads and writes are checked
/// against the identities in <paramref name="auth"/>.
/// </summary>
internal sealed class BatchExecution(SessionId session, List<AuthId> auth, Replica replica, WriteForwarder forwarder, IGrainFactory grains)
{
    private readonly List<(int Index, WriteRequest Write)> _writes = [];

    public async Task<IReadOnlyList<OpReply>> RunAsync(IReadOnlyList<ClientRequest> requests)
    {
        var replies = new OpReply[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            switch (requests[i])
            {
                case WriteRequest write:
                    _writes.Add((i, write));
                    break;
                case AddAuthRequest add:
                    replies[i] = Authenticate(add);
                    break;
                case LockRequest lockRequest:
                    await FlushWritesAsync(replies);
                    replies[i] = await RunLockAsync(lockRequest);
                    break;
                case SyncRequest:
                    await FlushWritesAsync(replies);
                    replies[i] = await SyncAsync();
                    break;
                case ReadRequest read:
                    await FlushWritesAsync(replies);
                    replies[i] = replica.Read(session, read, auth);
                    break;
                default:
                    replies[i] = OpReply.Error(ResultCode.Unimplemented, replica.AppliedZxid);
                    break;
            }
        }

        await FlushWritesAsync(replies);
        return replies;
    }

    private async Task FlushWritesAsync(OpReply[] replies)
    {
        if (_writes.Count == 0)
        {
            return;
        }

        IReadOnlyList<OpReply> results;
        try
        {
            results = await forwarder.SubmitAsync(session, [.. _writes.Select(w => w.Write)], auth);
        }
        catch (Exception)
        {
            // The leader failed or moved while these were in flight: their outcome is unknown.
            var lost = OpReply.Error(ResultCode.ConnectionLoss, replica.AppliedZxid);
            results = [.. _writes.Select(_ => lost)];
        }

        for (var i = 0; i < _writes.Count; i++)
        {
            replies[_writes[i].Index] = results[i];
        }

        _writes.Clear();
    }

    private async Task<OpReply> RunLockAsync(LockRequest request)
    {
        try
        {
            return await new SessionLockOperations(session, auth, replica, forwarder).RunAsync(request);
        }
        catch (Exception)
        {
            // As for any write: the leader failed or moved, the outcome is unknown (the request is idempotent).
            return OpReply.Error(ResultCode.ConnectionLoss, replica.AppliedZxid);
        }
    }

    private OpReply Authenticate(AddAuthRequest add)
    {
        if (add.Scheme != "digest" || !DigestAuthentication.TryAuthenticate(add.Auth, out var id))
        {
            return OpReply.Error(ResultCode.AuthFailed, replica.AppliedZxid);
        }

        if (!auth.Contains(id))
        {
            auth.Add(id);
        }

        return new OpReply(ResultCode.Ok, EmptyResult.Instance, replica.AppliedZxid);
    }

    private async Task<OpReply> SyncAsync()
    {
        long committed;
        try
        {
            committed = await grains.GetGrain<IAtomicBroadcastGrain>(0).GetCommittedZxid();
        }
        catch (Exception)
        {
            // No leader to ask: the replica cannot know how far behind it is.
            return OpReply.Error(ResultCode.ConnectionLoss, replica.AppliedZxid);
        }

        await replica.WaitForAppliedAsync(committed);
        return new OpReply(ResultCode.Ok, EmptyResult.Instance, replica.AppliedZxid);
    }
}
