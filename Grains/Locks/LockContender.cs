using CoordinationService.Requests;

namespace CoordinationService.Locks;

/// <param name="Name">The node's name under the lock path.</param>
/// <param name="Sequence">The ordering key (see <see cref="LockNodeNames.TryParse"/>).</param>
/// <param name="Czxid">The zxid that created the node: the holder's fencing token.</param>
/// <param name="Session">The session owning the node (0 for a node that is not ephemeral).</param>
internal readonly record struct LockContender(string Name, LockKind Kind, string Sequence, long Czxid, long Session);
