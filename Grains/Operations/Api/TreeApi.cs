using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Operations.Api;

/// <summary>
/// GET /api/tree?path=…: one znode as this silo's replica holds it — data, Stat, ACL and children —
/// read with no credentials, so ACLs apply to the page as to an anonymous client.
/// </summary>
public sealed class TreeApi(Replica replica)
{
    public const int MaxChildren = 1_000;
    private static readonly IReadOnlyList<AuthId> Anonymous = [];

    public NodeView Get(string path)
    {
        if (PathValidation.Validate(path) is { } problem)
        {
            return NodeView.Failed(path, ResultCode.BadArguments, problem);
        }

        var data = replica.Read(SessionId.None, new GetDataRequest(path), Anonymous);
        if (data.Result is not DataResult node)
        {
            return NodeView.Failed(path, data.Code, null);
        }

        var children = replica.Read(SessionId.None, new GetChildrenRequest(path), Anonymous).Result as ChildrenResult;
        var acl = replica.Read(SessionId.None, new GetAclRequest(path), Anonymous).Result as AclResult;
        var names = (children?.Children ?? []).Order(StringComparer.Ordinal).ToList();
        return new NodeView(
            path,
            OperationNames.Of(ResultCode.Ok),
            null,
            StatView.Of(node.Stat),
            Convert.ToBase64String(node.Data),
            names.Count > MaxChildren ? names[..MaxChildren] : names,
            names.Count,
            (acl?.Acl ?? []).Select(AclView.Of).ToList());
    }
}

/// <param name="Code">ok, or why the node cannot be shown (no_node, no_auth, bad_arguments).</param>
/// <param name="Data">Base64; the page shows it as text, JSON or hex.</param>
/// <param name="Children">Sorted names, at most <see cref="TreeApi.MaxChildren"/>; <paramref name="ChildCount"/> has them all.</param>
public sealed record NodeView(
    string Path,
    string Code,
    string? Message,
    StatView? Stat,
    string? Data,
    IReadOnlyList<string> Children,
    int ChildCount,
    IReadOnlyList<AclView> Acl)
{
    public static NodeView Failed(string path, ResultCode code, string? message) =>
        new(path, OperationNames.Of(code), message, null, null, [], 0, []);
}

/// <summary>ZooKeeper's Stat, zxids and the owner session in hex as zkCli prints them, times in Unix milliseconds.</summary>
public sealed record StatView(
    string Czxid,
    string Mzxid,
    string Pzxid,
    long Ctime,
    long Mtime,
    int Version,
    int Cversion,
    int Aversion,
    string EphemeralOwner,
    int DataLength,
    int NumChildren)
{
    public static StatView Of(Stat s) => new(
        ZxidText.Hex(s.Czxid), ZxidText.Hex(s.Mzxid), ZxidText.Hex(s.Pzxid), s.Ctime, s.Mtime,
        s.Version, s.Cversion, s.Aversion, ZxidText.Hex(s.EphemeralOwner), s.DataLength, s.NumChildren);
}

/// <param name="Permissions">ZooKeeper's letters: c(reate) d(elete) r(ead) w(rite) a(dmin).</param>
public sealed record AclView(string Scheme, string Id, string Permissions)
{
    public static AclView Of(AclEntry entry) => new(entry.Scheme, entry.Id, Letters(entry.Permissions));

    private static string Letters(Permissions p) => string.Concat(
        p.HasFlag(Model.Permissions.Create) ? "c" : "",
        p.HasFlag(Model.Permissions.Delete) ? "d" : "",
        p.HasFlag(Model.Permissions.Read) ? "r" : "",
        p.HasFlag(Model.Permissions.Write) ? "w" : "",
        p.HasFlag(Model.Permissions.Admin) ? "a" : "");
}
