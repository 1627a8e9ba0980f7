using System.Security.Cryptography;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;
using Orleans.Concurrency;

namespace CoordinationService.Front;

/// <summary>
/// The front door, on whichever silo the call lands. Holds no state of its own (the replica, the
/// session hub and the write forwarder are this silo's), which is why it may run many calls at
/// once: a session's order comes from its one batch in flight, not from this grain.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class CoordinatorGrain(
    Replica replica,
    SessionHub hub,
    WriteForwarder forwarder,
    IGrainFactory grains,
    ILocalSiloDetails silo) : Grain, ICoordinatorGrain
{
    /// <summary>How long a request waits for this replica to reach a zxid the client has already seen.</summary>
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(30);

    public async Task<SessionHandshake> OpenSession(OpenSessionRequest request)
    {
        var replies = await forwarder.SubmitAsync(SessionId.None, [new CreateSessionRequest(request.TimeoutMs)]);
        var reply = replies[0];
        if (reply.Result is not SessionCreatedResult created)
        {
            throw new InvalidOperationException($"Session creation failed: {reply.Code}");
        }

        hub.Attach(created.Session.Value, request.Attachment, created.TimeoutMs);
        return new SessionHandshake(created.Session, created.Password, created.TimeoutMs, reply.Zxid);
    }

    public async Task<AttachReply> Attach(AttachRequest request)
    {
        await replica.WaitForAppliedAsync(request.LastZxidSeen).WaitAsync(CatchUpTimeout);
        var id = request.Session.Value;
        if (!replica.TryGetSession(id, out var session) || !CryptographicOperations.FixedTimeEquals(session.Password, request.Password))
        {
            return new AttachReply(ResultCode.SessionExpired, 0, 0);
        }

        hub.Attach(id, request.Attachment, session.TimeoutMs);
        replica.AttachWatches(id, request.LastZxidSeen, request.Watches);
        return new AttachReply(ResultCode.Ok, session.TimeoutMs, replica.AppliedZxid);
    }

    public async Task<BatchReply> Execute(SessionBatch batch)
    {
        var status = hub.Check(batch.Session.Value, batch.Attachment);
        if (status != SessionStatus.Active)
        {
            return new BatchReply(status, [], []);
        }

        await replica.WaitForAppliedAsync(batch.LastZxidSeen).WaitAsync(CatchUpTimeout);
        var replies = await new BatchExecution(batch.Session, [], replica, forwarder, grains).RunAsync(batch.Requests);

        // Drained after the requests ran: every event of a txn the replies reflect is already queued.
        var events = hub.Pending(batch.Session.Value, batch.Attachment, batch.AckedEventSeq);
        return new BatchReply(SessionStatus.Active, events, replies);
    }

    public async Task<EventsReply> Poll(PollRequest request)
    {
        var id = request.Session.Value;
        var status = hub.Check(id, request.Attachment);
        if (status == SessionStatus.NotAttached)
        {
            return new EventsReply(status, []);
        }

        var wait = request.MaxWait < LongestPoll ? request.MaxWait : LongestPoll;
        await hub.WaitForEventsAsync(id, request.Attachment, request.AckedEventSeq, wait, CancellationToken.None);
        status = hub.Check(id, request.Attachment);
        var events = hub.Pending(id, request.Attachment, request.AckedEventSeq);
        return new EventsReply(status, events);
    }

    public Task<ReplicaStatus> GetReplicaStatus()
    {
        var (zxid, digest, nodes, _) = replica.Describe();
        return Task.FromResult(new ReplicaStatus(silo.SiloAddress.ToString(), zxid, digest, nodes, hub.Count));
    }
}
