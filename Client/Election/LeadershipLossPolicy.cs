namespace CoordinationService.Client.Election;

/// <summary>When a leader stops counting itself leader.</summary>
public enum LeadershipLossPolicy
{
    /// <summary>
    /// As soon as the connection to the service is lost (Curator's default). While disconnected a
    /// leader cannot know whether its session still lives, so it stops at once; it campaigns again
    /// (at the back of the queue) once the session answers.
    /// </summary>
    ConnectionLoss = 0,

    /// <summary>
    /// Only when the session has expired or its node was deleted. Survives a silo failover without a
    /// change of leader, at the price of a window (up to the session timeout) in which an expired
    /// leader that has not heard so yet still acts: guard its writes with <see cref="Leadership.Term"/>.
    /// </summary>
    SessionExpiry = 1,
}
