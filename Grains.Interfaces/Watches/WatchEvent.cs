namespace CoordinationService.Watches;

/// <summary>Values as ZooKeeper's Watcher.Event.EventType.</summary>
public enum WatchEventType
{
    None = -1,
    NodeCreated = 1,
    NodeDeleted = 2,
    NodeDataChanged = 3,
    NodeChildrenChanged = 4,
    DataWatchRemoved = 5,
    ChildWatchRemoved = 6,
    PersistentWatchRemoved = 7,
}

/// <summary>A watch notification: what happened to which path, and the zxid that made it happen.</summary>
[GenerateSerializer, Immutable, Alias("cs.WatchEvent")]
public sealed record WatchEvent(
    [property: Id(0)] WatchEventType Type,
    [property: Id(1)] string Path,
    [property: Id(2)] long Zxid);

/// <summary>A change the tree reports when it applies a txn; the watch table turns it into events.</summary>
public readonly record struct WatchTrigger(string Path, WatchEventType Type);
