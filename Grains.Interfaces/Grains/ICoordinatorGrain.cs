using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;

namespace CoordinationService.Grains;

/// <summary>
/// The front door on every silo (a stateless worker, so it runs where the call lands). A session
/// is attached to one silo at a time: its watches and undelivered events live there. Requests of
/// a session come in ordered batches; events ride on every reply before the results, so a client
/// always sees an event before any read that reflects the change behind it.
/// </summary>
public interface ICoordinatorGrain : IGrainWithIntegerKey
{
    /// <summary>Creates a session through the leader and attaches it to this silo.</summary>
    Task<SessionHandshake> OpenSession(OpenSessionRequest request);

    /// <summary>Attaches an existing session here (reconnect), re-registering its watches and
    /// delivering what they missed since <see cref="AttachRequest.LastZxidSeen"/>.</summary>
    Task<AttachReply> Attach(AttachRequest request);

    /// <summary>Runs a session's requests in order; replies come back in the same order.</summary>
    Task<BatchReply> Execute(SessionBatch batch);

    /// <summary>Waits for events (or until <see cref="PollRequest.MaxWait"/>); doubles as keep-alive.</summary>
    Task<EventsReply> Poll(PollRequest request);

    /// <summary>This silo's replica: applied zxid and digest, for operators and tests.</summary>
    Task<ReplicaStatus> GetReplicaStatus();

    /// <summary>The live sessions in this silo's replica (its session table and their ephemerals), for operators.</summary>
    Task<LiveSessions> ListSessions();
}

[GenerateSerializer, Immutable, Alias("cs.OpenSessionRequest")]
public sealed record OpenSessionRequest(
    [property: Id(0)] int TimeoutMs,
    [property: Id(1)] Guid Attachment);

[GenerateSerializer, Immutable, Alias("cs.SessionHandshake")]
public sealed record SessionHandshake(
    [property: Id(0)] SessionId Session,
    [property: Id(1)] byte[] Password,
    [property: Id(2)] int TimeoutMs,
    [property: Id(3)] long Zxid);

/// <summary>Kinds of watch a session holds; one-shot kinds fire once.</summary>
public enum WatchKind
{
    Data = 0,
    Exist = 1,
    Child = 2,
    Persistent = 3,
    PersistentRecursive = 4,
}

[GenerateSerializer, Immutable, Alias("cs.WatchRegistration")]
public sealed record WatchRegistration(
    [property: Id(0)] string Path,
    [property: Id(1)] WatchKind Kind);

/// <param name="Attachment">Chosen by the client for this attachment; requests carrying another one are refused with NotAttached.</param>
/// <param name="Credentials">Identities the session proved before (AddAuthRequest), proven again on the new attachment.</param>
[GenerateSerializer, Immutable, Alias("cs.AttachRequest")]
public sealed record AttachRequest(
    [property: Id(0)] SessionId Session,
    [property: Id(1)] byte[] Password,
    [property: Id(2)] long LastZxidSeen,
    [property: Id(3)] IReadOnlyList<WatchRegistration> Watches,
    [property: Id(4)] Guid Attachment,
    [property: Id(5)] IReadOnlyList<AddAuthRequest>? Credentials = null);

/// <param name="Code">Ok, SessionExpired (unknown, closed or expired session, or wrong password).</param>
[GenerateSerializer, Immutable, Alias("cs.AttachReply")]
public sealed record AttachReply(
    [property: Id(0)] ResultCode Code,
    [property: Id(1)] int TimeoutMs,
    [property: Id(2)] long Zxid);

public enum SessionStatus
{
    Active = 0,
    /// <summary>This silo does not hold the session's attachment (it moved, or the silo restarted): attach again, then resend.</summary>
    NotAttached = 1,
    Expired = 2,
}

[GenerateSerializer, Immutable, Alias("cs.SessionEvent")]
public sealed record SessionEvent(
    [property: Id(0)] long Seq,
    [property: Id(1)] WatchEvent Event);

/// <param name="AckedEventSeq">Highest event sequence the client has processed; the silo drops those.</param>
[GenerateSerializer, Immutable, Alias("cs.SessionBatch")]
public sealed record SessionBatch(
    [property: Id(0)] SessionId Session,
    [property: Id(1)] Guid Attachment,
    [property: Id(2)] long LastZxidSeen,
    [property: Id(3)] long AckedEventSeq,
    [property: Id(4)] IReadOnlyList<ClientRequest> Requests);

/// <summary>Replies in request order. When Status is not Active, no request was run.</summary>
/// <param name="ReadOnly">The silo is out of touch with a leader that can commit: its reads may be stale and writes fail with ConnectionLoss.</param>
[GenerateSerializer, Immutable, Alias("cs.BatchReply")]
public sealed record BatchReply(
    [property: Id(0)] SessionStatus Status,
    [property: Id(1)] IReadOnlyList<SessionEvent> Events,
    [property: Id(2)] IReadOnlyList<OpReply> Replies,
    [property: Id(3)] bool ReadOnly = false);

[GenerateSerializer, Immutable, Alias("cs.PollRequest")]
public sealed record PollRequest(
    [property: Id(0)] SessionId Session,
    [property: Id(1)] Guid Attachment,
    [property: Id(2)] long AckedEventSeq,
    [property: Id(3)] TimeSpan MaxWait);

/// <param name="ReadOnly">As in <see cref="BatchReply.ReadOnly"/>.</param>
[GenerateSerializer, Immutable, Alias("cs.EventsReply")]
public sealed record EventsReply(
    [property: Id(0)] SessionStatus Status,
    [property: Id(1)] IReadOnlyList<SessionEvent> Events,
    [property: Id(2)] bool ReadOnly = false);

[GenerateSerializer, Immutable, Alias("cs.ReplicaStatus")]
public sealed record ReplicaStatus(
    [property: Id(0)] string Silo,
    [property: Id(1)] long AppliedZxid,
    [property: Id(2)] string Digest,
    [property: Id(3)] int NodeCount,
    [property: Id(4)] int AttachedSessions,
    [property: Id(5)] bool LeaderInTouch = true);
