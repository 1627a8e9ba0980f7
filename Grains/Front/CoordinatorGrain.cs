using CoordinationService.Grains;
using CoordinationService.Replicas;
using Orleans.Concurrency;

namespace CoordinationService.Front;

/// <summary>
/// The Orleans way in, on whichever silo the call lands. Holds no state of its own (the silo's
/// <see cref="SessionFrontDoor"/> does), which is why it may run many calls at once: a session's
/// order comes from its one batch in flight, not from this grain.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class CoordinatorGrain(SessionFrontDoor frontDoor, LeaderContact contact, ILocalSiloDetails silo) : Grain, ICoordinatorGrain
{
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(30);

    public Task<SessionHandshake> OpenSession(OpenSessionRequest request) => frontDoor.OpenAsync(request.TimeoutMs, request.Attachment);

    public Task<AttachReply> Attach(AttachRequest request) => frontDoor.AttachAsync(request, SessionFrontDoor.CatchUpTimeout);

    public async Task<BatchReply> Execute(SessionBatch batch)
    {
        var hub = frontDoor.Hub;
        var status = hub.Check(batch.Session.Value, batch.Attachment);
        if (status != SessionStatus.Active)
        {
            return new BatchReply(status, [], []);
        }

        var auth = hub.AuthOf(batch.Session.Value, batch.Attachment);
        var replies = await frontDoor.RunAsync(batch.Session, batch.LastZxidSeen, batch.Requests, auth);

        // Drained after the requests ran: every event of a txn the replies reflect is already queued.
        var events = hub.Pending(batch.Session.Value, batch.Attachment, batch.AckedEventSeq);
        return new BatchReply(SessionStatus.Active, events, replies, ReadOnly: !contact.InTouch);
    }

    public async Task<EventsReply> Poll(PollRequest request)
    {
        var hub = frontDoor.Hub;
        var id = request.Session.Value;
        if (hub.PollArrived(id, request.Attachment) == SessionStatus.NotAttached)
        {
            return new EventsReply(SessionStatus.NotAttached, []);
        }

        var wait = request.MaxWait < LongestPoll ? request.MaxWait : LongestPoll;
        await hub.WaitForEventsAsync(id, request.Attachment, request.AckedEventSeq, wait, CancellationToken.None);
        var status = hub.Check(id, request.Attachment);
        var events = hub.Pending(id, request.Attachment, request.AckedEventSeq, contact: false);
        return new EventsReply(status, events, ReadOnly: !contact.InTouch);
    }

    public Task<ReplicaStatus> GetReplicaStatus()
    {
        var (zxid, digest, nodes, _) = frontDoor.Replica.Describe();
        return Task.FromResult(new ReplicaStatus(silo.SiloAddress.ToString(), zxid, digest, nodes, frontDoor.Hub.Count, contact.InTouch));
    }

    public Task<LiveSessions> ListSessions()
    {
        var (zxid, sessions) = frontDoor.Replica.LiveSessions();
        return Task.FromResult(new LiveSessions(silo.SiloAddress.ToString(), zxid, sessions));
    }
}
