using System.Diagnostics;
using System.Diagnostics.Metrics;
using CoordinationService.Front;
using CoordinationService.Model;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Operations;

/// <summary>
/// This silo's metrics, on the <see cref="MeterName"/> meter, named after OpenTelemetry's conventions.
/// Hot paths only add to counters and histograms with tags; the state gauges are read from the replica
/// when a collector asks, so they cost nothing between scrapes.
/// </summary>
public sealed class CoordinationMetrics
{
    public const string MeterName = "CoordinationService";

    private static readonly double[] LatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private static readonly long[] BatchBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<long> _appendBatch;
    private readonly Histogram<double> _appendDuration;
    private readonly Histogram<double> _snapshotDuration;
    private readonly Counter<long> _expiredSessions;
    private readonly Counter<long> _elections;
    private readonly ReplicaFiguresCache _figures;
    private readonly Replica _replica;
    private long _committedZxid;

    public CoordinationMetrics(IMeterFactory meters, Replica replica, SessionHub hub, LeaderContact contact)
    {
        _replica = replica;
        _figures = new ReplicaFiguresCache(replica);
        var meter = meters.Create(MeterName);

        _requests = meter.CreateCounter<long>("coordination.requests", "{request}",
            "Client requests served by this silo (ZooKeeper port and .NET client), by op and result.");
        _requestDuration = meter.CreateHistogram<double>("coordination.request.duration", "s",
            "Time from a session's request batch reaching this silo to its replies, per request.", advice: new() { HistogramBucketBoundaries = LatencyBuckets });
        _appendBatch = meter.CreateHistogram<long>("coordination.log.append.batch.size", "{txn}",
            "Txns per log append (one fsync) by the leader on this silo.", advice: new() { HistogramBucketBoundaries = BatchBuckets });
        _appendDuration = meter.CreateHistogram<double>("coordination.log.append.duration", "s",
            "Duration of one log append, flush to disk included, by the leader on this silo.", advice: new() { HistogramBucketBoundaries = LatencyBuckets });
        _snapshotDuration = meter.CreateHistogram<double>("coordination.snapshot.duration", "s",
            "Duration of writing one snapshot, by the leader on this silo.", advice: new() { HistogramBucketBoundaries = LatencyBuckets });
        _expiredSessions = meter.CreateCounter<long>("coordination.sessions.expired", "{session}",
            "Sessions the leader on this silo expired.");
        _elections = meter.CreateCounter<long>("coordination.leader.elections", "{election}",
            "Leader activations that took over on this silo.");

        meter.CreateObservableGauge("coordination.zxid.committed", () => CommittedZxid,
            description: "Highest zxid this silo knows to be committed (durable in the log).");
        meter.CreateObservableGauge("coordination.zxid.applied", () => replica.AppliedZxid,
            description: "Zxid this silo's replica has applied.");
        meter.CreateObservableGauge("coordination.replica.lag", () => ReplicaLag, "{txn}",
            "Committed txns this silo's replica has not applied yet.");
        meter.CreateObservableGauge("coordination.leader.epoch", () => new Zxid(CommittedZxid).Epoch,
            description: "Epoch of the current leader, as this silo last heard of it.");
        meter.CreateObservableGauge("coordination.leader.contact", () => contact.InTouch ? 1 : 0,
            description: "1 while this silo is in touch with a leader that can commit; 0 while it serves possibly stale reads (read-only).");
        meter.CreateObservableUpDownCounter("coordination.sessions", () => (long)_figures.Current.LiveSessions, "{session}",
            "Live sessions in the ensemble.");
        meter.CreateObservableUpDownCounter("coordination.sessions.attached", () => (long)hub.RecentlyActive(0).Count, "{session}",
            "Sessions attached to this silo.");
        meter.CreateObservableUpDownCounter("coordination.watches", () => (long)_figures.Current.AllWatches, "{watch}",
            "Watches set by the sessions attached to this silo.");
        meter.CreateObservableUpDownCounter("coordination.znodes", () => (long)_figures.Current.NodeCount, "{znode}",
            "Znodes in the tree.");
        meter.CreateObservableUpDownCounter("coordination.ephemerals", () => (long)_figures.Current.Ephemerals, "{znode}",
            "Ephemeral znodes in the tree.");
        meter.CreateObservableUpDownCounter("coordination.data.size", () => _figures.Current.DataSize, "By",
            "Paths and data of all znodes, as ZooKeeper's approximate data size.");
    }

    /// <summary>The highest committed zxid heard of (from the leader, or this silo's own leader); never below what was applied.</summary>
    public long CommittedZxid => Math.Max(Interlocked.Read(ref _committedZxid), _replica.AppliedZxid);

    public long ReplicaLag => ZxidLag.Between(new Zxid(_replica.AppliedZxid), new Zxid(CommittedZxid));

    /// <summary>Records that <paramref name="zxid"/> is committed; older news is ignored.</summary>
    public void ObserveCommitted(long zxid)
    {
        var known = Interlocked.Read(ref _committedZxid);
        while (zxid > known)
        {
            var seen = Interlocked.CompareExchange(ref _committedZxid, zxid, known);
            if (seen == known)
            {
                return;
            }

            known = seen;
        }
    }

    /// <summary>One session batch: each request counted with its result, each given the batch's duration.</summary>
    public void RecordRequests(IReadOnlyList<ClientRequest> requests, IReadOnlyList<OpReply> replies, long startedTimestamp)
    {
        var seconds = Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds;
        for (var i = 0; i < requests.Count && i < replies.Count; i++)
        {
            Record(OperationNames.Of(requests[i].GetType()), replies[i].Code, seconds);
        }
    }

    public void RecordRequest(Type request, ResultCode result, long startedTimestamp) =>
        Record(OperationNames.Of(request), result, Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);

    public void RecordAppend(int txns, long startedTimestamp)
    {
        _appendBatch.Record(txns);
        _appendDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);
    }

    public void RecordSnapshot(long startedTimestamp) => _snapshotDuration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds);

    public void SessionsExpired(int count) => _expiredSessions.Add(count);

    public void LeaderElected(long recoveredZxid)
    {
        _elections.Add(1);
        ObserveCommitted(recoveredZxid);
    }

    private void Record(string op, ResultCode result, double seconds)
    {
        var opTag = new KeyValuePair<string, object?>("op", op);
        _requests.Add(1, opTag, new KeyValuePair<string, object?>("result", OperationNames.Of(result)));
        _requestDuration.Record(seconds, opTag);
    }
}
