using CoordinationService.Acl;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tests.Tree;

namespace CoordinationService.Tests.Acl;

/// <summary>The nodes of the real-server probe: alice owns them, everyone else gets less than ALL.</summary>
internal static class AclSetup
{
    public static readonly AuthId Alice = new("digest", DigestAuthentication.Digest("alice:secret"));

    public static readonly IReadOnlyList<AuthId> AsAlice = [Alice];

    public static readonly AclEntry AliceAll = new(Permissions.All, "digest", Alice.Id);

    public static IReadOnlyList<AclEntry> AliceAndWorld(Permissions world) => [AliceAll, new AclEntry(world, "world", "anyone")];

    public static void CreateAsAlice(this TreeHarness h, string path, IReadOnlyList<AclEntry> acl, CreateMode mode = CreateMode.Persistent, SessionId session = default)
    {
        var reply = h.Write(new CreateRequest(path, [], acl, mode), session, AsAlice);
        Assert.Equal(ResultCode.Ok, reply.Code);
    }
}
