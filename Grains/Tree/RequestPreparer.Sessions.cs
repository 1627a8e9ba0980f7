using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Txns;

namespace CoordinationService.Tree;

/// <summary>Session lifecycle and the leader's own reaping writes.</summary>
public sealed partial class RequestPreparer
{
    private OpOutcome PrepareCreateSession(CreateSessionRequest request, long zxid)
    {
        // The zxid is unique and never reused, so it is a session id nobody else can hold.
        var timeout = Math.Clamp(request.TimeoutMs, _options.MinSessionTimeoutMs, _options.MaxSessionTimeoutMs);
        var password = _newPassword();
        return OpOutcome.Ok(
            new CreateSessionTxn(zxid, timeout, password),
            new SessionCreatedResult(new SessionId(zxid), password, timeout));
    }

    private OpOutcome PrepareCloseSession(long sessionId, bool expired)
    {
        if (!_tree.Sessions.ContainsKey(sessionId))
        {
            return OpOutcome.Fail(ResultCode.SessionExpired);
        }

        var ephemerals = _tree.EphemeralsOf(sessionId).Order(StringComparer.Ordinal).ToArray();
        return OpOutcome.Ok(new CloseSessionTxn(sessionId, ephemerals, expired), EmptyResult.Instance);
    }

    /// <summary>Reaping was decided on an older view: it goes ahead only if the node still qualifies
    /// (as ZooKeeper's deleteContainer: NoNode, NotEmpty, BadVersion otherwise).</summary>
    private static OpOutcome PrepareReap(ReapNodeRequest request, TreeOverlay view, long time)
    {
        if (!view.TryGet(request.Path, out var node))
        {
            return OpOutcome.Fail(ResultCode.NoNode);
        }

        if (node.ChildCount > 0)
        {
            return OpOutcome.Fail(ResultCode.NotEmpty);
        }

        var qualifies = node.Kind switch
        {
            NodeKind.Container => node.ChildCreates > 0,
            NodeKind.Ttl => node.Mtime + node.Ttl < time,
            _ => false,
        };
        return qualifies
            ? OpOutcome.Ok(new DeleteTxn(request.Path), EmptyResult.Instance)
            : OpOutcome.Fail(ResultCode.BadVersion);
    }
}
