using CoordinationService.Acl;
using CoordinationService.Model;

namespace CoordinationService.Tree;

/// <summary>Who a write is prepared for: the session and the identities it has proven.</summary>
internal readonly record struct Caller(SessionId Session, IReadOnlyList<AuthId> Auth)
{
    public bool May(NodeState node, Permissions needed) => AclPolicy.IsAllowed(node.Acl, needed, Auth);
}
