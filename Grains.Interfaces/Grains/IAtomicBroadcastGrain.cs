using CoordinationService.Model;
using Orleans.Concurrency;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Txns;

namespace CoordinationService.Grains;

/// <summary>
/// The leader (Zab's role), one activation per ensemble: validates writes, orders them by zxid,
/// makes them durable, then acknowledges them and hands them to the replicas. Every method
/// interleaves so that writes arriving while a log append is in flight join the next group commit.
/// </summary>
public interface IAtomicBroadcastGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Orders, logs and applies the writes; one reply per write, in the same order, each after its
    /// txn is durable. The reply also carries the whole committed group, so the caller's replica can
    /// apply it at once instead of waiting for its next pull.
    /// </summary>
    [AlwaysInterleave]
    Task<SubmitReply> Submit(IReadOnlyList<SubmittedWrite> writes);

    /// <summary>Committed txns after <paramref name="afterZxid"/>, waiting up to <paramref name="maxWait"/> for one to appear.</summary>
    [AlwaysInterleave]
    Task<CommittedBatch> PullCommitted(long afterZxid, TimeSpan maxWait);

    /// <summary>Sessions heard from since the last touch; they start a fresh timeout.</summary>
    [AlwaysInterleave]
    Task Touch(IReadOnlyList<long> sessionIds);

    /// <summary>The highest durable zxid: what a sync waits for.</summary>
    [AlwaysInterleave]
    Task<long> GetCommittedZxid();

    [AlwaysInterleave]
    Task<LeaderStatus> GetStatus();

    /// <summary>The ensemble record as this leader last wrote it.</summary>
    [AlwaysInterleave]
    Task<EnsembleRecord> GetEnsembleRecord();
}

/// <param name="Auth">The identities the session has proven, for ACL checks; null for none.</param>
/// <param name="Committed">Every txn of the group commit these writes were part of, in zxid order.</param>
[GenerateSerializer, Immutable, Alias("cs.SubmitReply")]
public sealed record SubmitReply(
    [property: Id(0)] IReadOnlyList<OpReply> Replies,
    [property: Id(1)] IReadOnlyList<TxnRecord> Committed);

[GenerateSerializer, Immutable, Alias("cs.SubmittedWrite")]
public sealed record SubmittedWrite(
    [property: Id(0)] SessionId Session,
    [property: Id(1)] WriteRequest Request,
    [property: Id(2)] IReadOnlyList<AuthId>? Auth = null);

/// <param name="SnapshotRequired">The leader no longer holds txns that old in memory: load the latest snapshot from the log store.</param>
[GenerateSerializer, Immutable, Alias("cs.CommittedBatch")]
public sealed record CommittedBatch(
    [property: Id(0)] IReadOnlyList<TxnRecord> Txns,
    [property: Id(1)] long CommittedZxid,
    [property: Id(2)] bool SnapshotRequired);

[GenerateSerializer, Immutable, Alias("cs.LeaderStatus")]
public sealed record LeaderStatus(
    [property: Id(0)] long Epoch,
    [property: Id(1)] long CommittedZxid,
    [property: Id(2)] int LiveSessions,
    [property: Id(3)] string Silo);
