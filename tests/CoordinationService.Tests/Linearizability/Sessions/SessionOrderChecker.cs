namespace CoordinationService.Tests.Linearizability.Sessions;

/// <summary>
/// ZooKeeper's promise for reads without sync: sequential consistency per session, which is to say a
/// session never goes back in time. Three checks on every session's observations, in its own order:
/// <list type="number">
/// <item>the zxids its replies carry never decrease;</item>
/// <item>the version it sees of a key never decreases;</item>
/// <item>a read never returns a version older than one the session could already know of: when the
///   session had seen zxid Z before it asked, the read must show at least the newest version any client
///   saw made at a zxid at or below Z.</item>
/// </list>
/// </summary>
public static class SessionOrderChecker
{
    public static IReadOnlyList<string> Check(IReadOnlyCollection<SessionObservation> observations)
    {
        var violations = new List<string>();
        var newestAt = observations
            .GroupBy(o => o.Key)
            .ToDictionary(g => g.Key, g => new VersionHistory(g.Select(o => (o.VersionZxid, o.Version))));

        foreach (var session in observations.GroupBy(o => (o.Client, o.Session)))
        {
            SessionObservation? previousReply = null;
            var lastOfKey = new Dictionary<string, SessionObservation>();
            foreach (var o in session.OrderBy(o => o.Order))
            {
                if (o.ReplyZxid > 0)
                {
                    if (previousReply is not null && o.ReplyZxid < previousReply.ReplyZxid)
                    {
                        violations.Add($"reply zxid went back: {previousReply.Describe()}, then {o.Describe()}");
                    }

                    previousReply = o;
                }

                if (lastOfKey.TryGetValue(o.Key, out var last) && o.Version < last.Version)
                {
                    violations.Add($"version went back: {last.Describe()}, then {o.Describe()}");
                }

                lastOfKey[o.Key] = o;
                if (o.IsRead && newestAt[o.Key].NewestAtOrBelow(o.SeenBefore) is { } known && known.Version > o.Version)
                {
                    violations.Add($"stale read: {o.Describe()}, but version {known.Version} was made at zxid 0x{known.Zxid:x}, which the session had already seen");
                }
            }
        }

        return violations;
    }

    /// <summary>For one key, the newest version known to exist at each zxid.</summary>
    private sealed class VersionHistory
    {
        private readonly long[] _zxids;
        private readonly (long Zxid, int Version)[] _newest;

        public VersionHistory(IEnumerable<(long Zxid, int Version)> facts)
        {
            var sorted = facts.Where(f => f.Zxid > 0).Distinct().OrderBy(f => f.Zxid).ToArray();
            _zxids = [.. sorted.Select(f => f.Zxid)];
            _newest = new (long, int)[sorted.Length];
            for (var i = 0; i < sorted.Length; i++)
            {
                _newest[i] = i > 0 && _newest[i - 1].Version >= sorted[i].Version ? _newest[i - 1] : sorted[i];
            }
        }

        public (long Zxid, int Version)? NewestAtOrBelow(long zxid)
        {
            var index = Array.BinarySearch(_zxids, zxid);
            index = index >= 0 ? LastOf(index) : ~index - 1;
            return index >= 0 ? _newest[index] : null;
        }

        private int LastOf(int index)
        {
            while (index + 1 < _zxids.Length && _zxids[index + 1] == _zxids[index])
            {
                index++;
            }

            return index;
        }
    }
}
