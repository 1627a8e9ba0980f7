using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Tree;
using CoordinationService.Tree;
using static CoordinationService.Tests.Acl.AclSetup;

namespace CoordinationService.Tests.Acl;

/// <summary>Each answer below was observed on ZooKeeper 3.8.0 with an unauthenticated session.</summary>
public sealed class ReadEnforcementTests
{
    private static readonly AclEntry AliceMasked = new(Permissions.All, "digest", "alice:x");

    private static OpReply Read(TreeHarness h, ReadRequest request, IReadOnlyList<AuthId>? auth = null, SessionId session = default) =>
        TreeReads.Execute(h.Tree, request, session, auth ?? []);

    private static TreeHarness WithNodes()
    {
        var h = new TreeHarness();
        h.CreateAsAlice("/nor", AliceAndWorld(Permissions.All & ~Permissions.Read));
        h.CreateAsAlice("/nor/kid", AclEntry.OpenUnsafe);
        h.CreateAsAlice("/noa", AliceAndWorld(Permissions.All & ~Permissions.Admin));
        h.CreateAsAlice("/ro", AliceAndWorld(Permissions.Read));
        h.CreateAsAlice("/none", AliceAndWorld(Permissions.Write));
        return h;
    }

    [Fact]
    public void GetDataGetChildrenAndChildrenNumberNeedRead()
    {
        var h = WithNodes();

        Assert.Equal(ResultCode.NoAuth, Read(h, new GetDataRequest("/nor")).Code);
        Assert.Equal(ResultCode.NoAuth, Read(h, new GetChildrenRequest("/nor")).Code);
        Assert.Equal(ResultCode.NoAuth, Read(h, new GetAllChildrenNumberRequest("/nor")).Code);
        Assert.Equal(ResultCode.Ok, Read(h, new GetDataRequest("/nor"), AsAlice).Code);
        Assert.Equal(1, Assert.IsType<CountResult>(Read(h, new GetAllChildrenNumberRequest("/nor"), AsAlice).Result).Count);
    }

    [Fact]
    public void NoNodeBeatsNoAuthOnReads()
    {
        // Reads check the node's own ACL, so a missing node has none to refuse with; its parent's does not count.
        var h = WithNodes();

        Assert.Equal(ResultCode.NoNode, Read(h, new GetDataRequest("/nor/missing")).Code);
        Assert.Equal(ResultCode.NoNode, Read(h, new GetAllChildrenNumberRequest("/nor/missing")).Code);
        Assert.Equal(ResultCode.NoNode, Read(h, new GetAclRequest("/none/missing")).Code);
        Assert.Equal(ResultCode.Ok, Read(h, new GetDataRequest("/nor/kid")).Code);
    }

    [Fact]
    public void ExistsNeedsNoPermission()
    {
        var h = WithNodes();

        Assert.Equal(h.StatOf("/none"), Assert.IsType<StatResult>(Read(h, new ExistsRequest("/none")).Result).Stat);
    }

    [Fact]
    public void GetEphemeralsNeedsNoPermission()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.CreateAsAlice("/e", [AliceAll], CreateMode.Ephemeral, session);

        Assert.Equal(["/e"], Assert.IsType<PathsResult>(Read(h, new GetEphemeralsRequest("/"), session: session).Result).Paths);
    }

    [Fact]
    public void GetAclWithReadButNotAdminMasksDigests()
    {
        // Observed: [alice ALL, world READ|WRITE|CREATE|DELETE] came back as [digest alice:x ALL, world ...].
        var h = WithNodes();

        var result = Assert.IsType<AclResult>(Read(h, new GetAclRequest("/noa")).Result);

        Assert.Equal([AliceMasked, new AclEntry(Permissions.All & ~Permissions.Admin, "world", "anyone")], result.Acl);
        Assert.Equal(h.StatOf("/noa"), result.Stat);
        Assert.Equal([AliceMasked, new AclEntry(Permissions.Read, "world", "anyone")], Assert.IsType<AclResult>(Read(h, new GetAclRequest("/ro")).Result).Acl);
    }

    [Fact]
    public void GetAclWithAdminButNotReadShowsDigests()
    {
        var h = WithNodes();

        var result = Assert.IsType<AclResult>(Read(h, new GetAclRequest("/nor")).Result);

        Assert.Equal(AliceAndWorld(Permissions.All & ~Permissions.Read), result.Acl);
    }

    [Fact]
    public void GetAclWithNeitherReadNorAdminIsNoAuth()
    {
        var h = WithNodes();

        Assert.Equal(ResultCode.NoAuth, Read(h, new GetAclRequest("/none")).Code);
        Assert.Equal(AliceAndWorld(Permissions.Write), Assert.IsType<AclResult>(Read(h, new GetAclRequest("/none"), AsAlice).Result).Acl);
    }

    [Fact]
    public void MaskingKeepsTheUserAndDropsEverythingAfterTheColon()
    {
        var h = new TreeHarness();
        IReadOnlyList<AclEntry> acl = [new AclEntry(Permissions.Read, "digest", "bob:abc:"), new AclEntry(Permissions.Read, "ip", "127.0.0.1")];
        h.Write(new CreateRequest("/m", [], acl, CreateMode.Persistent));

        var result = Assert.IsType<AclResult>(Read(h, new GetAclRequest("/m"), [new AuthId("ip", "127.0.0.1")]).Result);

        Assert.Equal([new AclEntry(Permissions.Read, "digest", "bob:x"), new AclEntry(Permissions.Read, "ip", "127.0.0.1")], result.Acl);
    }

    [Fact]
    public void IpAclAdmitsTheSessionsAddress()
    {
        // Observed: an unauthenticated session from 127.0.0.1 reads ip:127.0.0.1 and ip:127.0.0.0/8 nodes, not ip:10.0.0.0/8.
        var h = new TreeHarness();
        IReadOnlyList<AuthId> loopback = [new AuthId("ip", "127.0.0.1")];
        h.CreateAsAlice("/ip", [AliceAll, new AclEntry(Permissions.Read, "ip", "127.0.0.1")]);
        h.CreateAsAlice("/ip8", [AliceAll, new AclEntry(Permissions.Read, "ip", "127.0.0.0/8")]);
        h.CreateAsAlice("/ip10", [AliceAll, new AclEntry(Permissions.Read, "ip", "10.0.0.0/8")]);

        Assert.Equal(ResultCode.Ok, Read(h, new GetDataRequest("/ip"), loopback).Code);
        Assert.Equal(ResultCode.Ok, Read(h, new GetDataRequest("/ip8"), loopback).Code);
        Assert.Equal(ResultCode.NoAuth, Read(h, new GetDataRequest("/ip10"), loopback).Code);
    }

    [Fact]
    public void SystemNodesAreReadableByEveryone()
    {
        var h = new TreeHarness();

        Assert.Equal(ResultCode.Ok, Read(h, new GetDataRequest(DataTree.ConfigPath)).Code);
        Assert.Equal(ResultCode.Ok, Read(h, new GetChildrenRequest(DataTree.ZooKeeperPath)).Code);
    }
}
