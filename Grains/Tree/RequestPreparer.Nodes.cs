using System.Globalization;
using CoordinationService.Acl;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Txns;

namespace CoordinationService.Tree;

/// <summary>
/// Node writes, each check in ZooKeeper 3.8's order (observed on a real server). The permission
/// check comes right after the node it is made on is found, so NoAuth beats NoNode of the target
/// (delete), NodeExists, BadVersion and NotEmpty; an invalid requested ACL beats all of them.
/// </summary>
public sealed partial class RequestPreparer
{
    private OpOutcome PrepareCreate(Caller caller, CreateRequest request, TreeOverlay view, long zxid, long time)
    {
        var session = caller.Session;
        var mode = request.Mode;
        if (!Enum.IsDefined(mode))
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        // ZooKeeper's validateCreateRequest runs before the path is looked at.
        if (mode.IsTtl())
        {
            if (!_options.TtlEnabled)
            {
                return OpOutcome.Fail(ResultCode.Unimplemented);
            }

            if (request.Ttl <= 0 || request.Ttl > EphemeralOwners.MaxTtl)
            {
                return OpOutcome.Fail(ResultCode.BadArguments);
            }
        }
        else if (request.Ttl > 0)
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        if (mode.IsEphemeral() && !_tree.Sessions.ContainsKey(session.Value))
        {
            return OpOutcome.Fail(ResultCode.SessionExpired);
        }

        var path = request.Path;
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        if (AclFixup.Fix(request.Acl, caller.Auth, out var acl) != ResultCode.Ok)
        {
            return OpOutcome.Fail(ResultCode.InvalidAcl);
        }

        var parentPath = lastSlash == 0 ? "/" : path[..lastSlash];
        if (!view.TryGet(parentPath, out var parent))
        {
            return OpOutcome.Fail(ResultCode.NoNode);
        }

        if (!caller.May(parent, Permissions.Create))
        {
            return OpOutcome.Fail(ResultCode.NoAuth);
        }

        if (mode.IsSequential())
        {
            path += SequenceSuffix(parent.ChildCreates);
        }

        if (PathValidation.Validate(path) is not null)
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        if (view.TryGet(path, out _))
        {
            return OpOutcome.Fail(ResultCode.NodeExists);
        }

        if (parent.Kind == NodeKind.Ephemeral)
        {
            return OpOutcome.Fail(ResultCode.NoChildrenForEphemerals);
        }

        if (request.Data.Length > _options.MaxDataBytes)
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        var kind = mode.ToNodeKind();
        var ttl = kind == NodeKind.Ttl ? request.Ttl : 0;
        var owner = kind switch
        {
            NodeKind.Ephemeral => session.Value,
            NodeKind.Container => EphemeralOwners.Container,
            NodeKind.Ttl => EphemeralOwners.ForTtl(ttl),
            _ => 0,
        };
        var parentCreates = parent.ChildCreates + 1;
        var created = new NodeState(zxid, zxid, time, time, zxid, 0, 0, 0, 0, kind, owner, ttl, request.Data.Length, acl);
        view.Set(path, created);
        view.Set(parentPath, parent with { ChildCreates = parentCreates, ChildCount = parent.ChildCount + 1, Pzxid = zxid });
        var txn = new CreateTxn(path, request.Data, acl, kind, owner, ttl, parentCreates);
        return OpOutcome.Ok(txn, new CreateResult(path, created.ToStat()));
    }

    private static OpOutcome PrepareDelete(Caller caller, DeleteRequest request, TreeOverlay view, long zxid)
    {
        // Delete does not validate the path beyond this (ZooKeeper's getParentPathAndValidate):
        // a malformed path names no node and answers NoNode.
        var path = request.Path;
        var lastSlash = path.LastIndexOf('/');
        if (lastSlash < 0 || path.Contains('\0', StringComparison.Ordinal) || DataTree.IsSystemPath(path))
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        var parentPath = lastSlash == 0 ? "/" : path[..lastSlash];
        if (!view.TryGet(parentPath, out var parent))
        {
            return OpOutcome.Fail(ResultCode.NoNode);
        }

        // Asked of the parent, before the node is looked up: a missing node there answers NoAuth.
        if (!caller.May(parent, Permissions.Delete))
        {
            return OpOutcome.Fail(ResultCode.NoAuth);
        }

        if (!view.TryGet(path, out var node))
        {
            return OpOutcome.Fail(ResultCode.NoNode);
        }

        if (!VersionMatches(request.Version, node.Version))
        {
            return OpOutcome.Fail(ResultCode.BadVersion);
        }

        if (node.ChildCount > 0)
        {
            return OpOutcome.Fail(ResultCode.NotEmpty);
        }

        view.Remove(path);
        view.Set(parentPath, parent with { ChildCount = parent.ChildCount - 1, Pzxid = Math.Max(parent.Pzxid, zxid) });
        return OpOutcome.Ok(new DeleteTxn(path), EmptyResult.Instance);
    }

    private OpOutcome PrepareSetData(Caller caller, SetDataRequest request, TreeOverlay view, long zxid, long time)
    {
        var path = request.Path;
        if (PathValidation.Validate(path) is not null)
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        if (!view.TryGet(path, out var node))
        {
            return OpOutcome.Fail(ResultCode.NoNode);
        }

        if (!caller.May(node, Permissions.Write))
        {
            return OpOutcome.Fail(ResultCode.NoAuth);
        }

        if (!VersionMatches(request.Version, node.Version))
        {
            return OpOutcome.Fail(ResultCode.BadVersion);
        }

        if (request.Data.Length > _options.MaxDataBytes)
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        var updated = node with { Version = node.Version + 1, Mzxid = zxid, Mtime = time, DataLength = request.Data.Length };
        view.Set(path, updated);
        return OpOutcome.Ok(new SetDataTxn(path, request.Data, updated.Version), new StatResult(updated.ToStat()));
    }

    private static OpOutcome PrepareSetAcl(Caller caller, SetAclRequest request, TreeOverlay view)
    {
        var path = request.Path;
        if (PathValidation.Validate(path) is not null)
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        // ZooKeeper fixes up the new ACL before it looks the node up: InvalidAcl beats NoNode and NoAuth.
        if (AclFixup.Fix(request.Acl, caller.Auth, out var acl) != ResultCode.Ok)
        {
            return OpOutcome.Fail(ResultCode.InvalidAcl);
        }

        if (!view.TryGet(path, out var node))
        {
            return OpOutcome.Fail(ResultCode.NoNode);
        }

        if (!caller.May(node, Permissions.Admin))
        {
            return OpOutcome.Fail(ResultCode.NoAuth);
        }

        if (!VersionMatches(request.Version, node.Aversion))
        {
            return OpOutcome.Fail(ResultCode.BadVersion);
        }

        var updated = node with { Aversion = node.Aversion + 1, Acl = acl };
        view.Set(path, updated);
        return OpOutcome.Ok(new SetAclTxn(path, acl, updated.Aversion), new StatResult(updated.ToStat()));
    }

    private static OpOutcome PrepareCheck(Caller caller, CheckVersionRequest request, TreeOverlay view)
    {
        if (PathValidation.Validate(request.Path) is not null)
        {
            return OpOutcome.Fail(ResultCode.BadArguments);
        }

        if (!view.TryGet(request.Path, out var node))
        {
            return OpOutcome.Fail(ResultCode.NoNode);
        }

        if (!caller.May(node, Permissions.Read))
        {
            return OpOutcome.Fail(ResultCode.NoAuth);
        }

        return VersionMatches(request.Version, node.Version)
            ? OpOutcome.Ok(new CheckTxn(request.Path), EmptyResult.Instance)
            : OpOutcome.Fail(ResultCode.BadVersion);
    }

    private static bool VersionMatches(int expected, int actual) => expected == -1 || expected == actual;

    /// <summary>ZooKeeper's String.format("%010d", cversion), negative values included.</summary>
    internal static string SequenceSuffix(int counter) => counter < 0
        ? "-" + (-(long)counter).ToString("D9", CultureInfo.InvariantCulture)
        : counter.ToString("D10", CultureInfo.InvariantCulture);
}
