using System.Diagnostics;

namespace CoordinationService.Tests.Faults;

internal enum OpKind
{
    /// <summary>A persistent sequential create under the client's own parent, with a payload no other op carries.</summary>
    Create,

    /// <summary>A setData of the client's own register, with a payload no other op carries.</summary>
    Set,

    /// <summary>A getData of the client's own register.</summary>
    Get,
}

internal enum Outcome
{
    /// <summary>The server answered Ok: a write is durable and must be in the tree exactly once.</summary>
    Acked,

    /// <summary>ConnectionLoss, a timeout, a broken connection: the write may or may not have happened (once at most).</summary>
    Unknown,

    /// <summary>The server answered an error code: the write did not happen.</summary>
    Refused,

    /// <summary>The session ended: what the test must never see.</summary>
    Expired,
}

/// <summary>What one operation came to; for an acked create the path and czxid, for a set the version and mzxid, for a get the data and version.</summary>
internal readonly record struct OpResult(Outcome Outcome, long Zxid = 0, string? Path = null, int Version = -1, string? Data = null, string? Detail = null)
{
    public static OpResult Unknown(string detail) => new(Outcome.Unknown, Detail: detail);

    public static OpResult Expired(string detail) => new(Outcome.Expired, Detail: detail);

    public static OpResult Refused(string detail) => new(Outcome.Refused, Detail: detail);
}

/// <summary>
/// One operation of a fault-test client, in the order the client issued it. <see cref="Server"/> is
/// the silo the request went to when the client knows it (the ZooKeeper-protocol clients do).
/// </summary>
internal sealed record OpRecord(OpKind Kind, long Seq, string Payload, long IssuedTicks, int? Server)
{
    public OpResult Result { get; set; }

    public long CompletedTicks { get; set; }

    public bool IsWrite => Kind is OpKind.Create or OpKind.Set;

    public static long Now => Stopwatch.GetTimestamp();
}
