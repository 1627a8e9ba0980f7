using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Replicas;
using Microsoft.Extensions.Options;

namespace CoordinationService.Operations.Api;

/// <summary>GET /api/cluster: the leader, its epoch and commit point, and every replica with its lag.</summary>
public sealed class ClusterApi(
    IGrainFactory grains,
    ILocalSiloDetails local,
    Replica replica,
    LeaderContact contact,
    SiloReports reports,
    IOptions<AdminOptions> options)
{
    private static readonly TimeSpan LeaderTimeout = TimeSpan.FromSeconds(3);

    public async Task<ClusterView> GetAsync(CancellationToken cancellation)
    {
        var leaderGrain = grains.GetGrain<IAtomicBroadcastGrain>(0);
        var statusTask = leaderGrain.GetStatus().WaitAsync(LeaderTimeout, cancellation);
        var recordTask = leaderGrain.GetEnsembleRecord().WaitAsync(LeaderTimeout, cancellation);
        var answers = await reports.CollectAsync(maxWatches: 0, cancellation).ConfigureAwait(false);

        LeaderView? leader = null;
        Zxid? committed = null;
        EnsembleView? ensemble = null;
        string? leaderError = null;
        try
        {
            var status = await statusTask.ConfigureAwait(false);
            committed = new Zxid(status.CommittedZxid);
            leader = new LeaderView(status.Silo, status.Epoch, ZxidText.Of(committed.Value), committed.Value.Counter, status.LiveSessions);
            var record = await recordTask.ConfigureAwait(false);
            ensemble = new EnsembleView(record.Epoch, record.Leader, record.ElectedAt, ZxidText.Hex(record.RecoveredZxid), ZxidText.Hex(record.LastSnapshotZxid), record.Elections);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            leaderError = exception.Message;
        }

        // Without the leader, the best known commit point is the highest any silo heard of.
        var target = committed ?? new Zxid(answers.Where(a => a.Report is not null).Select(a => a.Report!.CommittedZxid).DefaultIfEmpty(replica.AppliedZxid).Max());
        var localSilo = local.SiloAddress.ToString();
        var replicas = answers.Select(a => a.Report is { } r
            ? new ReplicaView(a.Silo, a.Silo == localSilo, a.Silo == leader?.Silo, ZxidText.Hex(r.AppliedZxid),
                ZxidLag.Between(new Zxid(r.AppliedZxid), target), r.LeaderInTouch, r.AttachedSessions.Count, r.WatchCount, r.NodeCount, null)
            : new ReplicaView(a.Silo, a.Silo == localSilo, a.Silo == leader?.Silo, null, null, null, null, null, null, a.Error)).ToList();

        var figures = replica.Figures();
        return new ClusterView(
            localSilo,
            ModeOf(localSilo, leader, replicas.Count),
            options.Value.Writable,
            leader,
            leaderError,
            ensemble,
            replicas,
            new FiguresView(figures.NodeCount, figures.DataSize, figures.LiveSessions, figures.Ephemerals, figures.AllWatches, ZxidText.Hex(figures.AppliedZxid)));
    }

    /// <summary>As the four-letter words report it: read-only while out of touch with a leader.</summary>
    private string ModeOf(string localSilo, LeaderView? leader, int silos) =>
        !contact.InTouch ? "read-only" :
        leader is null ? "looking" :
        silos <= 1 ? "standalone" :
        leader.Silo == localSilo ? "leader" : "follower";
}

public sealed record ClusterView(
    string Silo,
    string Mode,
    bool Writable,
    LeaderView? Leader,
    string? LeaderError,
    EnsembleView? Ensemble,
    IReadOnlyList<ReplicaView> Replicas,
    FiguresView Figures);

/// <param name="CommittedCounter">The committed zxid's counter within <paramref name="Epoch"/>: the page's writes/s come from its changes.</param>
public sealed record LeaderView(string Silo, long Epoch, string CommittedZxid, long CommittedCounter, int LiveSessions);

public sealed record EnsembleView(long Epoch, string Leader, DateTimeOffset ElectedAt, string RecoveredZxid, string LastSnapshotZxid, long Elections);

public sealed record ReplicaView(
    string Silo,
    bool Local,
    bool Leader,
    string? AppliedZxid,
    long? LagTxns,
    bool? LeaderInTouch,
    int? AttachedSessions,
    int? Watches,
    int? Znodes,
    string? Error);

public sealed record FiguresView(int Znodes, long DataSize, int Sessions, int Ephemerals, int Watches, string AppliedZxid);
