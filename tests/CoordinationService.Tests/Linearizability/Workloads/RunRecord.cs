using System.Collections.Concurrent;
using CoordinationService.Tests.Linearizability.History;
using CoordinationService.Tests.Linearizability.Locks;
using CoordinationService.Tests.Linearizability.Models;
using CoordinationService.Tests.Linearizability.Sessions;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>Everything a run records, from every client at once.</summary>
internal sealed class RunRecord
{
    public HistoryRecorder<RegisterCall, RegisterResult> Registers { get; } = new();

    public HistoryRecorder<SetCall, SetResult?> Sets { get; } = new();

    public ConcurrentBag<SessionObservation> Sessions { get; } = [];

    public ConcurrentBag<LockGrant> Locks { get; } = [];

    public ConcurrentBag<DoomedSession> Doomed { get; } = [];

    private int _nextProcess;

    /// <summary>A fresh process number: a client that lost track of an operation carries on as a new process, as Jepsen's do.</summary>
    public int NewProcess() => Interlocked.Increment(ref _nextProcess);
}

/// <summary>A session that created one ephemeral under each of its parents and then fell silent, to expire.</summary>
internal sealed record DoomedSession(long Session, IReadOnlyList<string> Parents, IReadOnlyList<Outcome> Creates);
