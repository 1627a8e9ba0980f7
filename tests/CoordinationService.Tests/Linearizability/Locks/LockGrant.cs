namespace CoordinationService.Tests.Linearizability.Locks;

/// <summary>How a holder gave a lock up.</summary>
public enum LockRelease
{
    /// <summary>Its delete of its own node succeeded: the node existed until then, so it held the lock until then.</summary>
    Deleted,

    /// <summary>Its node was already gone (NoNode: its session ended), or the delete's outcome is unknown.</summary>
    Lost,
}

/// <summary>
/// One grant of a lock by the ephemeral-sequential recipe. The holder knew it held the lock when the
/// getChildren that showed its node lowest completed (<see cref="Granted"/>; that read was sent at
/// <see cref="GrantReadInvoked"/>) and stopped holding it when it sent the delete of its node
/// (<see cref="ReleaseInvoked"/>). The fencing token is its node's czxid.
/// </summary>
public sealed record LockGrant(
    string Lock,
    string Holder,
    long FencingToken,
    long GrantReadInvoked,
    long Granted,
    long ReleaseInvoked,
    LockRelease Release);
