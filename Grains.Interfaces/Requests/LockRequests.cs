namespace CoordinationService.Requests;

/// <summary>
/// A lock operation a session runs in its ordered batch, on the silo it is attached to. Both kinds
/// are idempotent for one <c>Owner</c> (a client-generated id that is part of the contender node's
/// name), so a client may resend them after losing a reply.
/// </summary>
[GenerateSerializer, Immutable, Alias("cs.LockRequest")]
public abstract record LockRequest : ClientRequest
{
    public abstract string Path { get; init; }

    public abstract Guid Owner { get; init; }
}

/// <summary>
/// Joins the lock's queue: finds the session's contender node for <paramref name="Owner"/> under
/// <paramref name="Path"/>, or creates it (ephemeral-sequential, owned by the session), and says
/// whether it holds the lock already. Answers a <see cref="Results.LockResult"/>.
/// </summary>
/// <param name="MaxHolders">For <see cref="LockKind.Semaphore"/>: how many contenders hold at once.</param>
[GenerateSerializer, Immutable, Alias("cs.JoinLockRequest")]
public sealed record JoinLockRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] Guid Owner,
    [property: Id(2)] LockKind Kind,
    [property: Id(3)] int MaxHolders = 1) : LockRequest;

/// <summary>Deletes every contender node the session has for <paramref name="Owner"/> under <paramref name="Path"/>, held or waiting.</summary>
[GenerateSerializer, Immutable, Alias("cs.LeaveLockRequest")]
public sealed record LeaveLockRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] Guid Owner) : LockRequest;

/// <summary>What a contender asks for; each kind has its own node name marker, as kazoo names them.</summary>
public enum LockKind
{
    /// <summary>Held alone: no contender of any kind before it (kazoo's <c>__lock__</c>, a write lock).</summary>
    Exclusive = 0,

    /// <summary>Shared with other readers: no exclusive contender before it (kazoo's <c>__rlock__</c>).</summary>
    Read = 1,

    /// <summary>One of the first <c>MaxHolders</c> contenders (<c>__lease__</c>).</summary>
    Semaphore = 2,
}
