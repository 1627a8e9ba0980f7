namespace CoordinationService.Tests.Linearizability.History;

/// <summary>What a client learned about one operation.</summary>
public enum Outcome
{
    /// <summary>The server answered success, with the result recorded.</summary>
    Ok,

    /// <summary>The server answered a definite failure (BadVersion, NoNode...): the operation changed nothing.</summary>
    Failed,

    /// <summary>
    /// No answer that settles it (ConnectionLoss, a timeout after the request was sent, a session that
    /// ended meanwhile): the operation may have taken effect at any moment after its invocation, or never.
    /// </summary>
    Unknown,

    /// <summary>
    /// Succeeded at some moment within its interval; what it answered (a new version, a sequence
    /// number) is not checked. Clients never record this: it is how the checker's minimiser forgets an
    /// answer a failure does not depend on.
    /// </summary>
    Happened,
}
