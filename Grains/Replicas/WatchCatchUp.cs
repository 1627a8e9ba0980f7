using CoordinationService.Grains;
using CoordinationService.Tree;
using CoordinationService.Watches;

namespace CoordinationService.Replicas;

/// <summary>
/// ZooKeeper's setWatches rule for a session that comes back after missing changes: compare the
/// node's mzxid/pzxid with the last zxid the client saw, and fire what it would have seen.
/// Persistent watches do not catch up (as in ZooKeeper): they are simply re-added.
/// </summary>
public static class WatchCatchUp
{
    public static WatchEventType? MissedEvent(DataTree tree, WatchRegistration watch, long lastZxidSeen)
    {
        var exists = tree.TryGetNode(watch.Path, out var node);
        return watch.Kind switch
        {
            WatchKind.Data when !exists => WatchEventType.NodeDeleted,
            WatchKind.Data when node!.ToStat().Mzxid > lastZxidSeen => WatchEventType.NodeDataChanged,
            WatchKind.Exist when exists => WatchEventType.NodeCreated,
            WatchKind.Child when !exists => WatchEventType.NodeDeleted,
            WatchKind.Child when node!.ToStat().Pzxid > lastZxidSeen => WatchEventType.NodeChildrenChanged,
            _ => null,
        };
    }
}
