using System.Diagnostics;
using CoordinationService.Tests.Linearizability.Clients;
using CoordinationService.Tests.Linearizability.Sessions;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>
/// Writes a session's observations for the session-order check: what it had seen before each request,
/// and the version it met, numbered in the session's own order.
/// </summary>
internal sealed class SessionTracker(IWorkloadSession session, RunRecord record)
{
    private long _order;

    public IWorkloadSession Session => session;

    /// <summary>Taken just before a request goes out.</summary>
    public (long Seen, long Invoked) Before() => (session.LastZxidSeen, Stopwatch.GetTimestamp());

    public void Saw(string key, bool isRead, (long Seen, long Invoked) before, long replyZxid, int version, long versionZxid) =>
        record.Sessions.Add(new SessionObservation(
            session.Client, session.SessionId, Interlocked.Increment(ref _order), key, isRead, before.Seen, replyZxid, version, versionZxid,
            before.Invoked, Stopwatch.GetTimestamp()));

    /// <summary>A request without an answer still takes its place in the session's order.</summary>
    public void Skipped() => Interlocked.Increment(ref _order);
}
