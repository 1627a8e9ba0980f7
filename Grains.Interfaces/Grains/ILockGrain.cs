using CoordinationService.Model;

namespace CoordinationService.Grains;

/// <summary>
/// One per lock path (the grain key): where the contenders of that lock wait for their turn. It
/// reads the queue from its silo's replica — the ephemeral-sequential children of the path, in
/// sequence order — and re-evaluates it once per change of those children, answering exactly the
/// waiters the change lets in. Contenders join and leave through their session's ordered batch
/// (<see cref="Requests.JoinLockRequest"/>); the grain only ever reads the tree.
/// </summary>
public interface ILockGrain : IGrainWithStringKey
{
    /// <summary>
    /// Answers when the contender node holds the lock, is gone, <see cref="LockWait.MaxWait"/> has
    /// passed, or the call is cancelled (then <see cref="LockWaitStatus.Waiting"/>).
    /// </summary>
    Task<LockWaitReply> WaitForGrant(LockWait wait, CancellationToken cancellationToken = default);
}

/// <param name="NodeName">The contender node's name under the lock path.</param>
/// <param name="MaxHolders">For semaphores: how many contenders hold at once.</param>
/// <param name="LastZxidSeen">What the session has seen: the grain answers from a replica at least this far.</param>
/// <param name="MaxWait">At most this long; keep it under the Orleans response timeout.</param>
[GenerateSerializer, Immutable, Alias("cs.LockWait")]
public sealed record LockWait(
    [property: Id(0)] SessionId Session,
    [property: Id(1)] string NodeName,
    [property: Id(2)] int MaxHolders,
    [property: Id(3)] long LastZxidSeen,
    [property: Id(4)] TimeSpan MaxWait);

public enum LockWaitStatus
{
    /// <summary>The node holds the lock as of <see cref="LockWaitReply.Zxid"/>.</summary>
    Granted = 0,

    /// <summary>Not yet: ask again.</summary>
    Waiting = 1,

    /// <summary>The node no longer exists (released, deleted, or its session ended).</summary>
    Gone = 2,
}

[GenerateSerializer, Immutable, Alias("cs.LockWaitReply")]
public sealed record LockWaitReply(
    [property: Id(0)] LockWaitStatus Status,
    [property: Id(1)] long Zxid);
