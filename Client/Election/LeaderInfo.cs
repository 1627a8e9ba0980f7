namespace CoordinationService.Client.Election;

/// <summary>The current leader as observers see it.</summary>
/// <param name="Identifier">What the leader stored in its node.</param>
/// <param name="Term">The czxid of the leader's node: strictly greater for every later leader, so a
/// resource that remembers the highest term it has seen can refuse a deposed leader's writes.</param>
/// <param name="NodePath">The leader's node.</param>
public sealed record LeaderInfo(string Identifier, long Term, string NodePath);
