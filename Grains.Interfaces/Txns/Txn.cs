using CoordinationService.Model;

namespace CoordinationService.Txns;

/// <summary>
/// What happened, decided once by the leader and applied blindly by every replica. A txn records
/// outcomes (final sequential path, versions the write produces), never requests to re-validate.
/// </summary>
[GenerateSerializer, Immutable, Alias("cs.Txn")]
public abstract record Txn;

/// <param name="ParentCversion">The parent's cversion after this create.</param>
[GenerateSerializer, Immutable, Alias("cs.CreateTxn")]
public sealed record CreateTxn(
    [property: Id(0)] string Path,
    [property: Id(1)] byte[] Data,
    [property: Id(2)] IReadOnlyList<AclEntry> Acl,
    [property: Id(3)] NodeKind Kind,
    [property: Id(4)] long EphemeralOwner,
    [property: Id(5)] long Ttl,
    [property: Id(6)] int ParentCversion) : Txn;

[GenerateSerializer, Immutable, Alias("cs.DeleteTxn")]
public sealed record DeleteTxn([property: Id(0)] string Path) : Txn;

/// <param name="Version">The node's version after this write.</param>
[GenerateSerializer, Immutable, Alias("cs.SetDataTxn")]
public sealed record SetDataTxn(
    [property: Id(0)] string Path,
    [property: Id(1)] byte[] Data,
    [property: Id(2)] int Version) : Txn;

/// <param name="Aversion">The node's aversion after this write.</param>
[GenerateSerializer, Immutable, Alias("cs.SetAclTxn")]
public sealed record SetAclTxn(
    [property: Id(0)] string Path,
    [property: Id(1)] IReadOnlyList<AclEntry> Acl,
    [property: Id(2)] int Aversion) : Txn;

/// <summary>A check op that passed inside a multi: no effect, kept so per-op results line up.</summary>
[GenerateSerializer, Immutable, Alias("cs.CheckTxn")]
public sealed record CheckTxn([property: Id(0)] string Path) : Txn;

/// <summary>All ops of a successful multi, applied under one zxid.</summary>
[GenerateSerializer, Immutable, Alias("cs.MultiTxn")]
public sealed record MultiTxn([property: Id(0)] IReadOnlyList<Txn> Txns) : Txn;

/// <summary>A failed write: ordered and logged like any txn so replies stay in order, but changes nothing.</summary>
[GenerateSerializer, Immutable, Alias("cs.ErrorTxn")]
public sealed record ErrorTxn([property: Id(0)] ResultCode Code) : Txn;

[GenerateSerializer, Immutable, Alias("cs.CreateSessionTxn")]
public sealed record CreateSessionTxn(
    [property: Id(0)] long SessionId,
    [property: Id(1)] int TimeoutMs,
    [property: Id(2)] byte[] Password) : Txn;

/// <summary>Ends a session (closed or expired) and deletes exactly the listed ephemerals.</summary>
[GenerateSerializer, Immutable, Alias("cs.CloseSessionTxn")]
public sealed record CloseSessionTxn(
    [property: Id(0)] long SessionId,
    [property: Id(1)] IReadOnlyList<string> EphemeralPaths,
    [property: Id(2)] bool Expired) : Txn;

/// <summary>First txn of every leader epoch (counter 0): fences older leaders, changes no node.</summary>
[GenerateSerializer, Immutable, Alias("cs.EpochTxn")]
public sealed record EpochTxn([property: Id(0)] long Epoch) : Txn;

/// <summary>A txn with its place in the total order.</summary>
/// <param name="Time">Leader's wall clock in Unix milliseconds: the ctime/mtime the txn sets.</param>
/// <param name="Session">The session that asked (0 for the leader's own txns, such as reaping).</param>
[GenerateSerializer, Immutable, Alias("cs.TxnRecord")]
public sealed record TxnRecord(
    [property: Id(0)] Zxid Zxid,
    [property: Id(1)] long Time,
    [property: Id(2)] SessionId Session,
    [property: Id(3)] Txn Body);
