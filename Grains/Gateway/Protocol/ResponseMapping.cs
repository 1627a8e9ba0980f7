using CoordinationService.Results;
using CoordinationService.Watches;

namespace CoordinationService.Gateway.Protocol;

/// <summary>Turns our contract results into the wire reply each opcode expects.</summary>
public static class ResponseMapping
{
    /// <summary>
    /// The reply header. A multi that failed still answers err 0: the codes are in its per-op results
    /// (as ZooKeeper 3.8 does).
    /// </summary>
    public static ReplyHeader ToReplyHeader(int xid, OpReply reply) =>
        new(xid, reply.Zxid, reply.Result is MultiResult ? 0 : (int)reply.Code);

    /// <summary>The reply body for <paramref name="request"/>, or null when the reply is the header alone
    /// (every failure but a multi's, and delete, check, removeWatches, checkWatches, setWatches...).</summary>
    public static IJuteRecord? ToResponseBody(ZooRequest request, OpReply reply)
    {
        if (reply.Result is MultiResult multi && request.Body is MultiRequest ops)
        {
            return ToMultiResponse(ops, multi, reply.IsOk);
        }

        return reply.IsOk ? ToBody(request.OpCode, request.Body, reply.Result) : null;
    }

    /// <summary>
    /// Per-op results of a multi or multiRead. When the multi as a whole failed, every op is reported
    /// as an error (0 for those that would have succeeded), as ZooKeeper rolls them back.
    /// </summary>
    public static MultiResponse ToMultiResponse(MultiRequest request, MultiResult result, bool succeeded)
    {
        var results = new MultiOpResult[result.Results.Count];
        for (var i = 0; i < results.Length; i++)
        {
            var reply = result.Results[i];
            var op = i < request.Ops.Count ? request.Ops[i] : null;
            results[i] = succeeded && reply.IsOk && op is not null
                ? ToMultiOpResult(op, reply.Result)
                : MultiOpResult.Failed((int)reply.Code);
        }

        return new MultiResponse(results);
    }

    public static ConnectResponse ToConnectResponse(ConnectRequest request, SessionCreatedResult session) =>
        new(0, session.TimeoutMs, session.Session.Value, session.Password, request.ReadOnly is null ? null : false);

    public static WatcherEvent ToWatcherEvent(WatchEvent watchEvent) =>
        new((int)watchEvent.Type, WatcherEvent.SyncConnected, watchEvent.Path);

    private static MultiOpResult ToMultiOpResult(MultiOp op, OpResult? result) => op.Type switch
    {
        // What a 3.8 server sends: create and create2 inside a multi both answer as create (type 1,
        // path only: the txn is a plain CreateTxn); createContainer and createTTL answer as create2
        // (type 15, path and stat).
        OpCode.Create or OpCode.Create2 => MultiOpResult.Succeeded(OpCode.Create, ToBody(OpCode.Create, op.Request, result)),
        OpCode.CreateContainer or OpCode.CreateTtl =>
            MultiOpResult.Succeeded(OpCode.Create2, ToBody(OpCode.Create2, op.Request, result)),
        OpCode.DeleteContainer => MultiOpResult.Succeeded(OpCode.Delete, null),
        _ => MultiOpResult.Succeeded(op.Type, ToBody(op.Type, op.Request, result)),
    };

    private static IJuteRecord? ToBody(OpCode opCode, IJuteRecord request, OpResult? result) => (opCode, result) switch
    {
        (OpCode.Create, CreateResult r) => new PathResponse(r.Path),
        (OpCode.Create2 or OpCode.CreateContainer or OpCode.CreateTtl, CreateResult r) => new Create2Response(r.Path, r.Stat),
        (OpCode.Exists or OpCode.SetData or OpCode.SetAcl, StatResult r) => new StatResponse(r.Stat),
        (OpCode.GetData, DataResult r) => new GetDataResponse(r.Data, r.Stat),
        (OpCode.GetChildren, ChildrenResult r) => new StringListResponse(r.Children),
        (OpCode.GetChildren2, ChildrenResult r) => new GetChildren2Response(r.Children, r.Stat),
        (OpCode.GetAcl, AclResult r) => new GetAclResponse(r.Acl, r.Stat),
        (OpCode.Sync, _) => new PathResponse(request is PathRequest p ? p.Path : "/"),
        (OpCode.GetAllChildrenNumber, CountResult r) => new IntResponse(r.Count),
        (OpCode.GetEphemerals, PathsResult r) => new StringListResponse(r.Paths),

        // A 3.8 server answers addWatch with an ErrorResponse(0) body, not the header alone.
        (OpCode.AddWatch, _) => new IntResponse(0),
        _ => null,
    };
}
