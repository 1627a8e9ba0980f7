using CoordinationService.Replicas;

namespace CoordinationService.Operations.Api;

/// <summary>GET /api/sessions and /api/watches: live sessions with their ephemerals and the silo each is attached to; every silo's watches.</summary>
public sealed class SessionsApi(Replica replica, SiloReports reports)
{
    public const int MaxSessions = 1_000;
    public const int MaxWatchesPerSilo = 1_000;

    public async Task<SessionsView> GetSessionsAsync(CancellationToken cancellation)
    {
        var answers = await reports.CollectAsync(maxWatches: 0, cancellation).ConfigureAwait(false);
        var attachedTo = new Dictionary<long, string>();
        foreach (var answer in answers)
        {
            foreach (var session in answer.Report?.AttachedSessions ?? [])
            {
                attachedTo[session] = answer.Silo;
            }
        }

        var (total, sessions) = replica.Inspect((tree, _) =>
        {
            var listed = tree.Sessions.Values
                .OrderBy(s => s.SessionId)
                .Take(MaxSessions)
                .Select(s => (s.SessionId, s.TimeoutMs, Ephemerals: tree.EphemeralsOf(s.SessionId).Order(StringComparer.Ordinal).ToList()))
                .ToList();
            return (tree.Sessions.Count, listed);
        });

        return new SessionsView(total, [.. sessions.Select(s => new SessionView(
            ZxidText.Hex(s.SessionId), s.TimeoutMs, s.Ephemerals, attachedTo.GetValueOrDefault(s.SessionId)))]);
    }

    public async Task<IReadOnlyList<SiloWatchesView>> GetWatchesAsync(CancellationToken cancellation)
    {
        var answers = await reports.CollectAsync(MaxWatchesPerSilo, cancellation).ConfigureAwait(false);
        return [.. answers.Select(a => a.Report is { } r
            ? new SiloWatchesView(a.Silo, r.WatchCount, [.. r.Watches.Select(w => new WatchItemView(ZxidText.Hex(w.Session), w.Path, w.Kind))], null)
            : new SiloWatchesView(a.Silo, 0, [], a.Error))];
    }
}

/// <param name="Total">All live sessions; <paramref name="Sessions"/> lists at most <see cref="SessionsApi.MaxSessions"/>.</param>
public sealed record SessionsView(int Total, IReadOnlyList<SessionView> Sessions);

/// <param name="Silo">Where the session is attached; null while it is between silos (or its client is gone and it waits to expire).</param>
public sealed record SessionView(string Id, int TimeoutMs, IReadOnlyList<string> Ephemerals, string? Silo);

public sealed record SiloWatchesView(string Silo, int Count, IReadOnlyList<WatchItemView> Watches, string? Error);

public sealed record WatchItemView(string Session, string Path, string Kind);
