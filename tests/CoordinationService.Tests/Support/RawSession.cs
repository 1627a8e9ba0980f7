using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Tests.Support;

/// <summary>
/// A session driven through the front-door protocol by hand, with no keep-alive of its own: it
/// stands for a client that can stop talking at any moment (a crash), which the real client
/// library never does on purpose.
/// </summary>
public sealed class RawSession
{
    private long _ackedEventSeq;
    private long _lastZxidSeen;

    private RawSession(ICoordinatorGrain frontDoor, SessionHandshake handshake, Guid attachment)
    {
        FrontDoor = frontDoor;
        Handshake = handshake;
        Attachment = attachment;
        _lastZxidSeen = handshake.Zxid;
    }

    public ICoordinatorGrain FrontDoor { get; private set; }

    public SessionHandshake Handshake { get; }

    public Guid Attachment { get; private set; }

    public SessionId Id => Handshake.Session;

    public long LastZxidSeen => _lastZxidSeen;

    public List<WatchEventRecord> Events { get; } = [];

    public static async Task<RawSession> OpenAsync(ICoordinatorGrain frontDoor, int timeoutMs = 4000)
    {
        var attachment = Guid.NewGuid();
        var handshake = await frontDoor.OpenSession(new OpenSessionRequest(timeoutMs, attachment));
        return new RawSession(frontDoor, handshake, attachment);
    }

    /// <summary>Moves the session to another silo, as a reconnecting client does.</summary>
    public async Task<AttachReply> AttachAsync(ICoordinatorGrain frontDoor, IReadOnlyList<WatchRegistration>? watches = null)
    {
        var attachment = Guid.NewGuid();
        var reply = await frontDoor.Attach(new AttachRequest(Id, Handshake.Password, _lastZxidSeen, watches ?? [], attachment));
        FrontDoor = frontDoor;
        Attachment = attachment;
        _ackedEventSeq = 0;
        return reply;
    }

    public async Task<IReadOnlyList<OpReply>> ExecuteAsync(params ClientRequest[] requests)
    {
        var reply = await FrontDoor.Execute(new SessionBatch(Id, Attachment, _lastZxidSeen, _ackedEventSeq, requests));
        if (reply.Status != SessionStatus.Active)
        {
            throw new InvalidOperationException($"Session {Id} is {reply.Status}");
        }

        Record(reply.Events);
        foreach (var r in reply.Replies)
        {
            _lastZxidSeen = Math.Max(_lastZxidSeen, r.Zxid);
        }

        return reply.Replies;
    }

    public async Task<OpReply> RunAsync(ClientRequest request) => (await ExecuteAsync(request))[0];

    public async Task<SessionStatus> PollAsync(TimeSpan maxWait)
    {
        var reply = await FrontDoor.Poll(new PollRequest(Id, Attachment, _ackedEventSeq, maxWait));
        Record(reply.Events);
        return reply.Status;
    }

    private void Record(IReadOnlyList<SessionEvent> events)
    {
        foreach (var e in events.Where(e => e.Seq > _ackedEventSeq))
        {
            Events.Add(new WatchEventRecord(e.Event.Type, e.Event.Path, e.Event.Zxid));
            _ackedEventSeq = e.Seq;
            _lastZxidSeen = Math.Max(_lastZxidSeen, e.Event.Zxid);
        }
    }
}

public sealed record WatchEventRecord(CoordinationService.Watches.WatchEventType Type, string Path, long Zxid);

public static class Make
{
    public static CreateRequest Create(string path, string data = "", CreateMode mode = CreateMode.Persistent) =>
        new(path, System.Text.Encoding.UTF8.GetBytes(data), AclEntry.OpenUnsafe, mode);

    public static SetDataRequest Set(string path, string data, int version = -1) =>
        new(path, System.Text.Encoding.UTF8.GetBytes(data), version);
}
