using CoordinationService.Model;

namespace CoordinationService.Results;

/// <summary>What a successful operation returns.</summary>
[GenerateSerializer, Immutable, Alias("cs.OpResult")]
public abstract record OpResult;

[GenerateSerializer, Immutable, Alias("cs.EmptyResult")]
public sealed record EmptyResult : OpResult
{
    public static readonly EmptyResult Instance = new();
}

/// <summary>A create: the final path (with its sequential suffix) and the new node's Stat.</summary>
[GenerateSerializer, Immutable, Alias("cs.CreateResult")]
public sealed record CreateResult([property: Id(0)] string Path, [property: Id(1)] Stat Stat) : OpResult;

/// <summary>setData, setACL and exists.</summary>
[GenerateSerializer, Immutable, Alias("cs.StatResult")]
public sealed record StatResult([property: Id(0)] Stat Stat) : OpResult;

[GenerateSerializer, Immutable, Alias("cs.DataResult")]
public sealed record DataResult([property: Id(0)] byte[] Data, [property: Id(1)] Stat Stat) : OpResult;

[GenerateSerializer, Immutable, Alias("cs.ChildrenResult")]
public sealed record ChildrenResult([property: Id(0)] IReadOnlyList<string> Children, [property: Id(1)] Stat Stat) : OpResult;

[GenerateSerializer, Immutable, Alias("cs.CountResult")]
public sealed record CountResult([property: Id(0)] int Count) : OpResult;

[GenerateSerializer, Immutable, Alias("cs.PathsResult")]
public sealed record PathsResult([property: Id(0)] IReadOnlyList<string> Paths) : OpResult;

[GenerateSerializer, Immutable, Alias("cs.AclResult")]
public sealed record AclResult([property: Id(0)] IReadOnlyList<AclEntry> Acl, [property: Id(1)] Stat Stat) : OpResult;

/// <summary>Per-op replies of a multi, in request order.</summary>
[GenerateSerializer, Immutable, Alias("cs.MultiResult")]
public sealed record MultiResult([property: Id(0)] IReadOnlyList<OpReply> Results) : OpResult;

[GenerateSerializer, Immutable, Alias("cs.SessionCreatedResult")]
public sealed record SessionCreatedResult(
    [property: Id(0)] SessionId Session,
    [property: Id(1)] byte[] Password,
    [property: Id(2)] int TimeoutMs) : OpResult;

/// <summary>
/// The answer to one request: an error code (Ok on success), the result on success, and the zxid
/// the answer reflects (the txn's zxid for writes, the replica's applied zxid for reads).
/// A failed multi carries its per-op codes in <see cref="Result"/> as a <see cref="MultiResult"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("cs.OpReply")]
public sealed record OpReply(
    [property: Id(0)] ResultCode Code,
    [property: Id(1)] OpResult? Result,
    [property: Id(2)] long Zxid)
{
    public bool IsOk => Code == ResultCode.Ok;

    public static OpReply Error(ResultCode code, long zxid) => new(code, null, zxid);
}

/// <summary>A joined lock queue: the contender node, its fencing token (the node's czxid) and whether it holds already.</summary>
[GenerateSerializer, Immutable, Alias("cs.LockResult")]
public sealed record LockResult(
    [property: Id(0)] string NodePath,
    [property: Id(1)] long FencingToken,
    [property: Id(2)] bool Granted) : OpResult;
