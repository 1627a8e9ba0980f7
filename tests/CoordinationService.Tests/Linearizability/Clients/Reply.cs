using CoordinationService.Model;
using CoordinationService.Tests.Linearizability.History;

namespace CoordinationService.Tests.Linearizability.Clients;

/// <summary>
/// One answer from either client: the ZooKeeper result code, the value when it is Ok, the zxid of the
/// reply (0 when the client does not expose it), and whether the request ever left this process.
/// </summary>
public readonly record struct Reply<T>(ResultCode Code, T? Value, long Zxid, bool Sent = true)
{
    public bool IsOk => Code == ResultCode.Ok;

    /// <summary>
    /// Ok; Failed for a definite refusal (the server decided, nothing changed) or a request never sent;
    /// Unknown for everything else — a lost connection, a timeout, a session that ended meanwhile.
    /// </summary>
    public Outcome Outcome => Code switch
    {
        ResultCode.Ok => Outcome.Ok,
        ResultCode.BadVersion or ResultCode.NoNode or ResultCode.NodeExists or ResultCode.NotEmpty => Outcome.Failed,
        _ when !Sent => Outcome.Failed,
        _ => Outcome.Unknown,
    };

    public static Reply<T> NotSent(ResultCode code) => new(code, default, 0, Sent: false);
}

public sealed record NodeValue(byte[] Data, Stat Stat);

/// <summary>A parent's children and the parent's own Stat (getChildren2).</summary>
public sealed record ChildList(IReadOnlyList<string> Children, Stat Stat);

public sealed record CreatedNode(string Path, Stat Stat);
