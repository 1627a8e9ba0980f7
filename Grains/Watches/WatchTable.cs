using CoordinationService.Grains;
using CoordinationService.Requests;

namespace CoordinationService.Watches;

/// <summary>
/// The watches of the sessions attached to one silo (ZooKeeper's WatchManager): never replicated,
/// fed with the triggers the replica's tree reports as it applies txns. One-shot watches are
/// removed as they fire; a session gets at most one event per path and type from one trigger.
/// Not thread-safe: the replica calls it under its own lock.
/// </summary>
public sealed class WatchTable
{
    private readonly Dictionary<string, Dictionary<long, WatchSet>> _byPath = new(StringComparer.Ordinal);
    private readonly Dictionary<long, HashSet<string>> _pathsBySession = [];
    private readonly HashSet<string> _recursivePaths = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public IReadOnlyList<long> SessionIds() => [.. _pathsBySession.Keys];

    /// <summary>
    /// What ZooKeeper's `wchs` reports: sessions and paths with a data, exist or persistent watch, and
    /// how many such watches there are (child watches are not counted, as in ZooKeeper).
    /// </summary>
    public (int Sessions, int Paths, int Watches) DataWatchSummary()
    {
        const WatchSet counted = WatchSet.Data | WatchSet.Exist | WatchSet.Persistent | WatchSet.PersistentRecursive;
        var sessions = new HashSet<long>();
        int paths = 0, watches = 0;
        foreach (var bySession in _byPath.Values)
        {
            var pathCounted = false;
            foreach (var (session, set) in bySession)
            {
                if ((set & counted) == 0)
                {
                    continue;
                }

                sessions.Add(session);
                watches++;
                pathCounted = true;
            }

            if (pathCounted)
            {
                paths++;
            }
        }

        return (sessions.Count, paths, watches);
    }

    /// <summary>Whether the session holds a watch of <paramref name="type"/> on the path (ZooKeeper's checkWatches).</summary>
    public bool Has(long session, string path, Requests.WatcherType type)
    {
        if (!_byPath.TryGetValue(path, out var sessions) || !sessions.TryGetValue(session, out var set))
        {
            return false;
        }

        return type switch
        {
            Requests.WatcherType.Data => (set & (WatchSet.Data | WatchSet.Exist | WatchSet.Persistent | WatchSet.PersistentRecursive)) != 0,
            Requests.WatcherType.Children => (set & (WatchSet.Child | WatchSet.Persistent | WatchSet.PersistentRecursive)) != 0,
            _ => set != WatchSet.None,
        };
    }

    public void Add(long session, string path, WatchKind kind)
    {
        if (!_byPath.TryGetValue(path, out var sessions))
        {
            sessions = [];
            _byPath.Add(path, sessions);
        }

        sessions.TryGetValue(session, out var set);
        var updated = set | kind.ToSet();
        if (updated == set)
        {
            return;
        }

        Count += Bits(updated) - Bits(set);
        sessions[session] = updated;
        if (kind == WatchKind.PersistentRecursive)
        {
            _recursivePaths.Add(path);
        }

        if (!_pathsBySession.TryGetValue(session, out var paths))
        {
            paths = new HashSet<string>(StringComparer.Ordinal);
            _pathsBySession.Add(session, paths);
        }

        paths.Add(path);
    }

    /// <summary>Removes the session's watches of <paramref name="type"/> on the path; false when there was none.</summary>
    public bool Remove(long session, string path, WatcherType type)
    {
        if (!_byPath.TryGetValue(path, out var sessions) || !sessions.TryGetValue(session, out var set))
        {
            return false;
        }

        var removing = type switch
        {
            WatcherType.Data => WatchSet.Data | WatchSet.Exist,
            WatcherType.Children => WatchSet.Child,
            _ => WatchSet.All,
        };

        // A persistent watch answers to both data and child removal, as in ZooKeeper.
        if (type != WatcherType.Any && (set & (WatchSet.Persistent | WatchSet.PersistentRecursive)) != 0)
        {
            removing |= WatchSet.Persistent | WatchSet.PersistentRecursive;
        }

        var remaining = set & ~removing;
        if (remaining == set)
        {
            return false;
        }

        SetOrClear(session, path, sessions, set, remaining);
        return true;
    }

    public void RemoveSession(long session)
    {
        if (!_pathsBySession.Remove(session, out var paths))
        {
            return;
        }

        foreach (var path in paths)
        {
            var sessions = _byPath[path];
            Count -= Bits(sessions[session]);
            sessions.Remove(session);
            RemovePathIfEmpty(path, sessions);
        }
    }

    /// <summary>The watches a session holds, for moving it to another silo.</summary>
    public IReadOnlyList<WatchRegistration> WatchesOf(long session)
    {
        if (!_pathsBySession.TryGetValue(session, out var paths))
        {
            return [];
        }

        var result = new List<WatchRegistration>();
        foreach (var path in paths)
        {
            var set = _byPath[path][session];
            foreach (var kind in Enum.GetValues<WatchKind>())
            {
                if ((set & kind.ToSet()) != 0)
                {
                    result.Add(new WatchRegistration(path, kind));
                }
            }
        }

        return result;
    }

    /// <summary>Turns the triggers of one txn into events for the sessions watching.</summary>
    public void Trigger(IReadOnlyList<WatchTrigger> triggers, long zxid, List<(long Session, WatchEvent Event)> output)
    {
        foreach (var trigger in triggers)
        {
            TriggerOne(trigger, zxid, output);
        }
    }

    private void TriggerOne(WatchTrigger trigger, long zxid, List<(long Session, WatchEvent Event)> output)
    {
        var firing = trigger.Type switch
        {
            WatchEventType.NodeCreated => WatchSet.Data | WatchSet.Exist | WatchSet.Persistent,
            WatchEventType.NodeDataChanged => WatchSet.Data | WatchSet.Exist | WatchSet.Persistent,
            WatchEventType.NodeDeleted => WatchSet.Data | WatchSet.Exist | WatchSet.Child | WatchSet.Persistent,
            WatchEventType.NodeChildrenChanged => WatchSet.Child | WatchSet.Persistent,
            _ => WatchSet.None,
        };

        var notified = new HashSet<long>();
        var evt = new WatchEvent(trigger.Type, trigger.Path, zxid);
        if (_byPath.TryGetValue(trigger.Path, out var sessions))
        {
            FireExactPath(trigger.Path, sessions, firing, evt, notified, output);
        }

        // Persistent-recursive watches see every change below them, but never NodeChildrenChanged.
        if (trigger.Type != WatchEventType.NodeChildrenChanged && _recursivePaths.Count > 0)
        {
            FireRecursive(trigger.Path, evt, notified, output);
        }
    }

    private void FireExactPath(
        string path,
        Dictionary<long, WatchSet> sessions,
        WatchSet firing,
        WatchEvent evt,
        HashSet<long> notified,
        List<(long Session, WatchEvent Event)> output)
    {
        List<(long Session, WatchSet Remaining)>? changes = null;
        foreach (var (session, set) in sessions)
        {
            var matched = set & firing;
            var recursiveHere = evt.Type != WatchEventType.NodeChildrenChanged && (set & WatchSet.PersistentRecursive) != 0;
            if (matched == 0 && !recursiveHere)
            {
                continue;
            }

            if (notified.Add(session))
            {
                output.Add((session, evt));
            }

            var oneShot = matched & (WatchSet.Data | WatchSet.Exist | WatchSet.Child);
            if (oneShot != 0)
            {
                (changes ??= []).Add((session, set & ~oneShot));
            }
        }

        if (changes is null)
        {
            return;
        }

        foreach (var (session, remaining) in changes)
        {
            SetOrClear(session, path, sessions, sessions[session], remaining);
        }
    }

    private void FireRecursive(string path, WatchEvent evt, HashSet<long> notified, List<(long Session, WatchEvent Event)> output)
    {
        var ancestor = path;
        while (ancestor != "/")
        {
            ancestor = Model.PathValidation.ParentOf(ancestor);
            if (!_recursivePaths.Contains(ancestor) || !_byPath.TryGetValue(ancestor, out var sessions))
            {
                continue;
            }

            foreach (var (session, set) in sessions)
            {
                if ((set & WatchSet.PersistentRecursive) != 0 && notified.Add(session))
                {
                    output.Add((session, evt));
                }
            }
        }
    }

    private void SetOrClear(long session, string path, Dictionary<long, WatchSet> sessions, WatchSet before, WatchSet after)
    {
        Count -= Bits(before) - Bits(after);
        if (after == WatchSet.None)
        {
            sessions.Remove(session);
            if (_pathsBySession.TryGetValue(session, out var paths))
            {
                paths.Remove(path);
                if (paths.Count == 0)
                {
                    _pathsBySession.Remove(session);
                }
            }

            RemovePathIfEmpty(path, sessions);
        }
        else
        {
            sessions[session] = after;
        }

        if ((before & WatchSet.PersistentRecursive) != 0 && (after & WatchSet.PersistentRecursive) == 0)
        {
            RefreshRecursiveMark(path);
        }
    }

    private void RefreshRecursiveMark(string path)
    {
        if (!_byPath.TryGetValue(path, out var sessions) || !sessions.Values.Any(s => (s & WatchSet.PersistentRecursive) != 0))
        {
            _recursivePaths.Remove(path);
        }
    }

    private void RemovePathIfEmpty(string path, Dictionary<long, WatchSet> sessions)
    {
        if (sessions.Count == 0)
        {
            _byPath.Remove(path);
            _recursivePaths.Remove(path);
        }
        else
        {
            RefreshRecursiveMark(path);
        }
    }

    private static int Bits(WatchSet set) => System.Numerics.BitOperations.PopCount((uint)set);
}
