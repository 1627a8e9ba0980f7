using CoordinationService.Model;

namespace CoordinationService.Client;

/// <param name="PossiblyStale">Answered while the session was <see cref="SessionState.ConnectedReadOnly"/>: newer writes may exist.</param>
public sealed record NodeData(byte[] Data, Stat Stat, bool PossiblyStale = false);
