using CoordinationService.Grains;
using CoordinationService.Watches;

namespace CoordinationService.Client.Session;

/// <summary>
/// One client-side watcher. It is pending from the moment its request is queued until the reply that
/// set it on the server arrives; events that match it meanwhile are held, because the reply decides
/// whether they came after the watch was set (event zxid above the read's zxid) or before.
/// </summary>
internal sealed class WatchEntry(string path, WatchKind kind, Action<WatchEvent> callback, Action<Exception?>? ended)
{
    private List<WatchEvent>? _held;

    public string Path { get; } = path;

    public WatchKind Kind { get; set; } = kind;

    public Action<WatchEvent> Callback { get; } = callback;

    /// <summary>Told when the session ends with the watch still registered (null exception on Close).</summary>
    public Action<Exception?>? Ended { get; } = ended;

    public bool IsActive { get; private set; }

    public bool IsRemoved { get; set; }

    /// <summary>The zxid of the reply that set the watch: events at or below it predate the watch.</summary>
    public long SinceZxid { get; private set; }

    public bool IsOneShot => Kind is WatchKind.Data or WatchKind.Exist or WatchKind.Child;

    public void Hold(WatchEvent watchEvent) => (_held ??= []).Add(watchEvent);

    /// <summary>Activates the watch and returns the held events it must still see, in arrival order.</summary>
    public IReadOnlyList<WatchEvent> Activate(WatchKind kind, long sinceZxid)
    {
        Kind = kind;
        SinceZxid = sinceZxid;
        IsActive = true;
        var held = _held;
        _held = null;
        if (held is null)
        {
            return [];
        }

        var due = held.Where(Follows).ToList();
        return IsOneShot && due.Count > 1 ? [due[0]] : due;
    }

    public bool Follows(WatchEvent watchEvent) => watchEvent.Zxid <= 0 || watchEvent.Zxid > SinceZxid;

    /// <summary>ZooKeeper's rules for which events a watch of each kind sees.</summary>
    public bool Matches(WatchEvent e) => Kind switch
    {
        WatchKind.Data or WatchKind.Exist => e.Path == Path
            && e.Type is WatchEventType.NodeCreated or WatchEventType.NodeDeleted or WatchEventType.NodeDataChanged,
        WatchKind.Child => e.Path == Path
            && e.Type is WatchEventType.NodeChildrenChanged or WatchEventType.NodeDeleted,
        WatchKind.Persistent => e.Path == Path
            && e.Type is WatchEventType.NodeCreated or WatchEventType.NodeDeleted
                or WatchEventType.NodeDataChanged or WatchEventType.NodeChildrenChanged,
        // Recursive watches do not report child changes: every child's own create/delete reaches them.
        WatchKind.PersistentRecursive => IsAtOrUnder(e.Path)
            && e.Type is WatchEventType.NodeCreated or WatchEventType.NodeDeleted or WatchEventType.NodeDataChanged,
        _ => false,
    };

    private bool IsAtOrUnder(string path) =>
        path == Path
        || Path == "/"
        || (path.Length > Path.Length && path.StartsWith(Path, StringComparison.Ordinal) && path[Path.Length] == '/');
}
