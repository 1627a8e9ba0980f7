using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tree;

namespace CoordinationService.Locks;

/// <summary>
/// A lock's contenders as a tree shows them at one zxid, in sequence order. Sequence numbers come
/// from the parent's create counter, which the leader advances in zxid order, so this order is
/// the order in which the contenders joined. Pure: tests build it from a <see cref="DataTree"/>.
/// </summary>
internal sealed class LockQueue
{
    private readonly List<LockContender> _contenders;

    private LockQueue(long zxid, byte[]? lockData, List<LockContender> contenders)
    {
        Zxid = zxid;
        LockData = lockData;
        _contenders = contenders;
    }

    /// <summary>The zxid of the tree this queue was read from.</summary>
    public long Zxid { get; }

    /// <summary>The lock path's data, or null when it does not exist.</summary>
    public byte[]? LockData { get; }

    public IReadOnlyList<LockContender> Contenders => _contenders;

    public static LockQueue Read(DataTree tree, string lockPath)
    {
        var zxid = tree.LastApplied.Value;
        if (!tree.TryGetNode(lockPath, out var lockNode))
        {
            return new LockQueue(zxid, null, []);
        }

        var contenders = new List<LockContender>(lockNode.Children.Count);
        foreach (var name in lockNode.Children)
        {
            if (LockNodeNames.TryParse(name, out var kind, out var sequence)
                && tree.TryGetNode(PathValidation.Combine(lockPath, name), out var node))
            {
                contenders.Add(new LockContender(name, kind, sequence, node.Czxid, node.VisibleEphemeralOwner));
            }
        }

        contenders.Sort(static (a, b) =>
        {
            var bySequence = string.CompareOrdinal(a.Sequence, b.Sequence);
            return bySequence != 0 ? bySequence : string.CompareOrdinal(a.Name, b.Name);
        });
        return new LockQueue(zxid, lockNode.Data, contenders);
    }

    public int IndexOf(string name) => _contenders.FindIndex(c => c.Name == name);

    /// <summary>The session's nodes for <paramref name="owner"/>, first in line first.</summary>
    public IReadOnlyList<LockContender> OwnedBy(Guid owner, long session)
    {
        var prefix = LockNodeNames.OwnerPrefix(owner);
        return [.. _contenders.Where(c => c.Session == session && c.Name.StartsWith(prefix, StringComparison.Ordinal))];
    }

    /// <summary>
    /// Whether the contender at <paramref name="index"/> holds: an exclusive one when it is first, a
    /// reader when no exclusive one is before it, a semaphore lease when fewer than
    /// <paramref name="maxHolders"/> are before it.
    /// </summary>
    public bool IsGranted(int index, int maxHolders)
    {
        var contender = _contenders[index];
        return contender.Kind switch
        {
            LockKind.Exclusive => index == 0,
            LockKind.Read => !_contenders.Take(index).Any(c => c.Kind == LockKind.Exclusive),
            _ => index < maxHolders,
        };
    }
}
