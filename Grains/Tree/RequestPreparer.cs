using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Txns;

namespace CoordinationService.Tree;

/// <summary>
/// The leader's validation step (ZooKeeper's PrepRequestProcessor.pRequest2Txn): checks a write
/// against the tree, which already holds every txn the leader ordered, and records the outcome in
/// a txn (final sequential path, new versions) that replicas apply without checking again.
/// Error codes and their order follow ZooKeeper 3.8.
/// </summary>
public sealed partial class RequestPreparer
{
    private readonly DataTree _tree;
    private readonly PreparerOptions _options;
    private readonly Func<byte[]> _newPassword;

    public RequestPreparer(DataTree tree, PreparerOptions options, Func<byte[]> newPassword)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(newPassword);
        _tree = tree;
        _options = options;
        _newPassword = newPassword;
    }

    /// <summary>Validates <paramref name="request"/> as the txn numbered <paramref name="zxid"/> at leader time
    /// <paramref name="time"/>, with the permissions of the identities in <paramref name="auth"/>; the tree is not changed.</summary>
    public PreparedWrite Prepare(SessionId session, IReadOnlyList<AuthId> auth, WriteRequest request, Zxid zxid, long time)
    {
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(request);
        var caller = new Caller(session, auth);
        if (request is MultiRequest multi)
        {
            return PrepareMulti(caller, multi, zxid, time);
        }

        var outcome = PrepareOp(caller, request, new TreeOverlay(_tree), zxid.Value, time);
        return outcome.IsOk
            ? new PreparedWrite(outcome.Txn!, null) { Result = outcome.Result }
            : Failed(outcome.Code, null, zxid);
    }

    /// <summary>The reply to send once the txn is applied (and durable): the result computed when it was
    /// prepared, or its failure, stamped with <paramref name="zxid"/>.</summary>
    public OpReply Complete(WriteRequest request, PreparedWrite prepared, Zxid zxid)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (prepared.Failure is { } failure)
        {
            return new OpReply(failure.Code, Stamp(failure.Result, zxid.Value), zxid.Value);
        }

        var result = prepared.Result
            ?? throw new ArgumentException("The write was not prepared by a RequestPreparer.", nameof(prepared));
        return new OpReply(ResultCode.Ok, Stamp(result, zxid.Value), zxid.Value);
    }

    /// <summary>The leader's own writes (expiry, reaping) carry no session identities and skip ACL checks.</summary>
    private OpOutcome PrepareOp(Caller caller, WriteRequest request, TreeOverlay view, long zxid, long time) => request switch
    {
        CreateRequest create => PrepareCreate(caller, create, view, zxid, time),
        DeleteRequest delete => PrepareDelete(caller, delete, view, zxid),
        SetDataRequest setData => PrepareSetData(caller, setData, view, zxid, time),
        SetAclRequest setAcl => PrepareSetAcl(caller, setAcl, view),
        CheckVersionRequest check => PrepareCheck(caller, check, view),
        CreateSessionRequest create => PrepareCreateSession(create, zxid),
        CloseSessionRequest => PrepareCloseSession(caller.Session.Value, expired: false),
        ExpireSessionRequest expire => PrepareCloseSession(expire.SessionId, expired: true),
        ReapNodeRequest reap => PrepareReap(reap, view, time),
        _ => throw new ArgumentException($"Unknown write request {request.GetType().Name}.", nameof(request)),
    };

    private PreparedWrite PrepareMulti(Caller caller, MultiRequest multi, Zxid zxid, long time)
    {
        var view = new TreeOverlay(_tree);
        var txns = new Txn[multi.Ops.Count];
        var replies = new OpReply[multi.Ops.Count];
        for (var i = 0; i < multi.Ops.Count; i++)
        {
            var op = multi.Ops[i];

            // ZooKeeper 3.8 refuses the whole multi for any other op type (setACL included).
            if (op is not (CreateRequest or DeleteRequest or SetDataRequest or CheckVersionRequest))
            {
                return Failed(ResultCode.MarshallingError, null, zxid);
            }

            var outcome = PrepareOp(caller, op, view, zxid.Value, time);
            if (!outcome.IsOk)
            {
                return FailedMulti(multi.Ops.Count, i, outcome.Code, zxid);
            }

            txns[i] = outcome.Txn!;
            replies[i] = new OpReply(ResultCode.Ok, outcome.Result, zxid.Value);
        }

        return new PreparedWrite(new MultiTxn(txns), null) { Result = new MultiResult(replies) };
    }

    /// <summary>Ops before the failing one report Ok, the failing one its code, the rest RuntimeInconsistency.</summary>
    private static PreparedWrite FailedMulti(int count, int failed, ResultCode code, Zxid zxid)
    {
        var replies = new OpReply[count];
        for (var i = 0; i < count; i++)
        {
            var opCode = i < failed ? ResultCode.Ok : i == failed ? code : ResultCode.RuntimeInconsistency;
            replies[i] = OpReply.Error(opCode, zxid.Value);
        }

        return Failed(code, new MultiResult(replies), zxid);
    }

    private static PreparedWrite Failed(ResultCode code, OpResult? result, Zxid zxid) =>
        new(new ErrorTxn(code), new OpReply(code, result, zxid.Value));

    private static OpResult? Stamp(OpResult? result, long zxid) => result is MultiResult multi
        ? new MultiResult(multi.Results.Select(reply => reply with { Zxid = zxid }).ToArray())
        : result;
}
