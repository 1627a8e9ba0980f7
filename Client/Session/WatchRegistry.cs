using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;

namespace CoordinationService.Client.Session;

/// <summary>
/// The client's side of the session's watches: who to call for an event, which one-shot watchers are
/// spent, and what to re-register on reattach. Thread-safe; never calls a watcher itself.
/// </summary>
internal sealed class WatchRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<WatchEntry>> _byPath = new(StringComparer.Ordinal);
    private readonly List<WatchEntry> _recursive = [];

    public WatchEntry AddPending(string path, WatchKind kind, Action<WatchEvent> callback, Action<Exception?>? ended = null)
    {
        var entry = new WatchEntry(path, kind, callback, ended);
        lock (_lock)
        {
            if (kind == WatchKind.PersistentRecursive)
            {
                _recursive.Add(entry);
            }
            else
            {
                if (!_byPath.TryGetValue(path, out var list))
                {
                    _byPath[path] = list = [];
                }

                list.Add(entry);
            }
        }

        return entry;
    }

    /// <summary>The watchers <paramref name="watchEvent"/> fires now. Spent one-shots leave the registry;
    /// pending watchers hold the event until their reply says whether it concerns them.</summary>
    public IReadOnlyList<WatchEntry> Trigger(WatchEvent watchEvent)
    {
        List<WatchEntry>? fired = null;
        lock (_lock)
        {
            if (_byPath.TryGetValue(watchEvent.Path, out var list))
            {
                Collect(list, watchEvent, ref fired);
                if (list.Count == 0)
                {
                    _byPath.Remove(watchEvent.Path);
                }
            }

            Collect(_recursive, watchEvent, ref fired);
        }

        return fired ?? (IReadOnlyList<WatchEntry>)[];
    }

    /// <summary>The reply to the request that set <paramref name="entry"/> arrived: activate it if the
    /// server set the watch, and return the held events it must still see.</summary>
    public IReadOnlyList<WatchEvent> Complete(WatchEntry entry, ClientRequest request, OpReply reply)
    {
        lock (_lock)
        {
            if (entry.IsRemoved)
            {
                return [];
            }

            if (KindSetBy(request, reply, entry.Kind) is not { } kind)
            {
                RemoveLocked(entry);
                return [];
            }

            var due = entry.Activate(kind, reply.Zxid);
            if (due.Count > 0 && entry.IsOneShot)
            {
                RemoveLocked(entry);
            }

            return due;
        }
    }

    public void Discard(WatchEntry entry)
    {
        lock (_lock)
        {
            RemoveLocked(entry);
        }
    }

    /// <summary>Removes the active watchers a RemoveWatches(path, type) took off the server.</summary>
    public IReadOnlyList<WatchEntry> Remove(string path, WatcherType type)
    {
        lock (_lock)
        {
            var candidates = _byPath.TryGetValue(path, out var list) ? list.ToList() : [];
            candidates.AddRange(_recursive.Where(e => e.Path == path));
            var removed = candidates.Where(e => e.IsActive && Covers(type, e.Kind)).ToList();
            foreach (var entry in removed)
            {
                RemoveLocked(entry);
            }

            return removed;
        }
    }

    /// <summary>True while any watcher (active or pending) remains on <paramref name="path"/>.</summary>
    public bool HasAny(string path)
    {
        lock (_lock)
        {
            return _byPath.ContainsKey(path) || _recursive.Any(e => e.Path == path);
        }
    }

    /// <summary>What the server must hold for this session: every active watch, once per path and kind.</summary>
    public IReadOnlyList<WatchRegistration> Registrations()
    {
        lock (_lock)
        {
            return _byPath.Values.SelectMany(l => l).Concat(_recursive)
                .Where(e => e.IsActive)
                .Select(e => new WatchRegistration(e.Path, e.Kind))
                .Distinct()
                .ToList();
        }
    }

    /// <summary>Empties the registry (the session ended) and returns what was in it.</summary>
    public IReadOnlyList<WatchEntry> Clear()
    {
        lock (_lock)
        {
            var all = _byPath.Values.SelectMany(l => l).Concat(_recursive).ToList();
            foreach (var entry in all)
            {
                entry.IsRemoved = true;
            }

            _byPath.Clear();
            _recursive.Clear();
            return all;
        }
    }

    /// <summary>Which watch the server set for a request and its reply; null when it set none.
    /// An exists on a missing node sets an exist watch; on a present node, a data watch (as ZooKeeper).</summary>
    public static WatchKind? KindSetBy(ClientRequest request, OpReply reply, WatchKind requested) => request switch
    {
        ExistsRequest => reply.Code switch
        {
            ResultCode.Ok => WatchKind.Data,
            ResultCode.NoNode => WatchKind.Exist,
            _ => null,
        },
        _ => reply.Code == ResultCode.Ok ? requested : null,
    };

    private static bool Covers(WatcherType type, WatchKind kind) => type switch
    {
        WatcherType.Children => kind == WatchKind.Child,
        WatcherType.Data => kind is WatchKind.Data or WatchKind.Exist,
        _ => true,
    };

    private static void Collect(List<WatchEntry> entries, WatchEvent watchEvent, ref List<WatchEntry>? fired)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!entry.Matches(watchEvent))
            {
                continue;
            }

            if (!entry.IsActive)
            {
                entry.Hold(watchEvent);
                continue;
            }

            if (!entry.Follows(watchEvent))
            {
                continue;
            }

            (fired ??= []).Add(entry);
            if (entry.IsOneShot)
            {
                entry.IsRemoved = true;
                entries.RemoveAt(i);
                i--;
            }
        }
    }

    private void RemoveLocked(WatchEntry entry)
    {
        if (entry.IsRemoved)
        {
            return;
        }

        entry.IsRemoved = true;
        if (entry.Kind == WatchKind.PersistentRecursive)
        {
            _recursive.Remove(entry);
        }
        else if (_byPath.TryGetValue(entry.Path, out var list))
        {
            list.Remove(entry);
            if (list.Count == 0)
            {
                _byPath.Remove(entry.Path);
            }
        }
    }
}
