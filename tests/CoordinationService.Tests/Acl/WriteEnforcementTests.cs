using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Tree;
using static CoordinationService.Tests.Acl.AclSetup;

namespace CoordinationService.Tests.Acl;

/// <summary>Each order below was observed on ZooKeeper 3.8.0 with an unauthenticated session.</summary>
public sealed class WriteEnforcementTests
{
    private static readonly IReadOnlyList<AclEntry> Open = AclEntry.OpenUnsafe;
    private static readonly IReadOnlyList<AclEntry> Unknown = [new AclEntry(Permissions.All, "foo", "bar")];
    private static readonly IReadOnlyList<AclEntry> AuthOnly = [new AclEntry(Permissions.All, "auth", "")];

    private static TreeHarness WithoutCreateOrDelete()
    {
        var h = new TreeHarness();
        h.CreateAsAlice("/noc", AliceAndWorld(Permissions.Read | Permissions.Write | Permissions.Admin));
        h.CreateAsAlice("/noc/existing", Open);
        h.CreateAsAlice("/noc/full", Open);
        h.CreateAsAlice("/noc/full/child", Open);
        return h;
    }

    private static ResultCode Create(TreeHarness h, string path, IReadOnlyList<AclEntry> acl, IReadOnlyList<AuthId>? auth = null) =>
        h.Write(new CreateRequest(path, [], acl, CreateMode.Persistent), auth: auth).Code;

    [Fact]
    public void CreateNeedsCreateOnTheParent()
    {
        var h = WithoutCreateOrDelete();

        Assert.Equal(ResultCode.NoAuth, Create(h, "/noc/new", Open));
        Assert.Equal(ResultCode.Ok, Create(h, "/noc/new", Open, AsAlice));
        Assert.False(h.Tree.TryGetNode("/noc/new/x", out _));
    }

    [Fact]
    public void NoAuthBeatsNodeExistsOnCreate()
    {
        var h = WithoutCreateOrDelete();

        Assert.Equal(ResultCode.NoAuth, Create(h, "/noc/existing", Open));
        Assert.Equal(ResultCode.NodeExists, Create(h, "/noc/existing", Open, AsAlice));
    }

    [Fact]
    public void NoNodeOfTheParentBeatsNoAuthOnCreate()
    {
        var h = WithoutCreateOrDelete();

        Assert.Equal(ResultCode.NoNode, Create(h, "/noc/missing/x", Open));
    }

    [Fact]
    public void InvalidAclBeatsNoNodeAndNoAuthOnCreate()
    {
        var h = WithoutCreateOrDelete();

        Assert.Equal(ResultCode.InvalidAcl, Create(h, "/noc/new", []));
        Assert.Equal(ResultCode.InvalidAcl, Create(h, "/noc/existing", []));
        Assert.Equal(ResultCode.InvalidAcl, Create(h, "/noc/new", Unknown));
        Assert.Equal(ResultCode.InvalidAcl, Create(h, "/missing/x", AuthOnly));
        Assert.Equal(ResultCode.InvalidAcl, Create(h, "/noc/existing", AuthOnly));
    }

    [Fact]
    public void NoAuthBeatsNoChildrenForEphemeralsOnCreate()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.CreateAsAlice("/eph", [new AclEntry(Permissions.Read, "world", "anyone")], CreateMode.Ephemeral, session);
        h.CreateAsAlice("/eph2", Open, CreateMode.Ephemeral, session);

        Assert.Equal(ResultCode.NoAuth, Create(h, "/eph/c", Open));
        Assert.Equal(ResultCode.NoChildrenForEphemerals, Create(h, "/eph2/c", Open));
    }

    [Fact]
    public void CreateWithAuthStoresTheSessionsDigest()
    {
        var h = new TreeHarness();

        Assert.Equal(ResultCode.Ok, Create(h, "/a", AuthOnly, AsAlice));

        Assert.True(h.Tree.TryGetNode("/a", out var node));
        Assert.Equal([AliceAll], node.Acl);
        Assert.Equal([AliceAll], Assert.IsType<Txns.CreateTxn>(h.Log[^1].Body).Acl);
    }

    [Fact]
    public void CreateWithAuthButNoDigestIsInvalidAcl()
    {
        var h = new TreeHarness();

        Assert.Equal(ResultCode.InvalidAcl, Create(h, "/a", AuthOnly, [new AuthId("ip", "127.0.0.1")]));
    }

    [Fact]
    public void NoAuthBeatsNoNodeOnDelete()
    {
        var h = WithoutCreateOrDelete();

        Assert.Equal(ResultCode.NoAuth, h.Write(new DeleteRequest("/noc/missing")).Code);
        Assert.Equal(ResultCode.NoNode, h.Write(new DeleteRequest("/noc/missing"), auth: AsAlice).Code);
        Assert.Equal(ResultCode.NoNode, h.Write(new DeleteRequest("/missing/x")).Code);
    }

    [Fact]
    public void NoAuthBeatsBadVersionAndNotEmptyOnDelete()
    {
        var h = WithoutCreateOrDelete();

        Assert.Equal(ResultCode.NoAuth, h.Write(new DeleteRequest("/noc/existing", 5)).Code);
        Assert.Equal(ResultCode.NoAuth, h.Write(new DeleteRequest("/noc/full")).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new DeleteRequest("/noc/existing", 5), auth: AsAlice).Code);
        Assert.Equal(ResultCode.NotEmpty, h.Write(new DeleteRequest("/noc/full"), auth: AsAlice).Code);
    }

    [Fact]
    public void DeleteNeedsDeleteOnTheParentNotTheNode()
    {
        // Observed: a node whose own ACL grants nothing is deleted when its parent grants DELETE.
        var h = new TreeHarness();
        h.CreateAsAlice("/zero", [new AclEntry(Permissions.None, "world", "anyone")]);

        Assert.Equal(ResultCode.Ok, h.Write(new DeleteRequest("/zero")).Code);
    }

    [Fact]
    public void NoAuthBeatsBadVersionOnSetData()
    {
        var h = new TreeHarness();
        h.CreateAsAlice("/now", AliceAndWorld(Permissions.Read));

        Assert.Equal(ResultCode.NoAuth, h.Write(new SetDataRequest("/now", [1], 9)).Code);
        Assert.Equal(ResultCode.NoNode, h.Write(new SetDataRequest("/now/missing", [1])).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new SetDataRequest("/now", [1], 9), auth: AsAlice).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new SetDataRequest("/now", [1]), auth: AsAlice).Code);
    }

    [Fact]
    public void NoAuthBeatsBadVersionOnSetAcl()
    {
        var h = new TreeHarness();
        h.CreateAsAlice("/noa", AliceAndWorld(Permissions.All & ~Permissions.Admin));

        Assert.Equal(ResultCode.NoAuth, h.Write(new SetAclRequest("/noa", Open, 9)).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new SetAclRequest("/noa", Open, 9), auth: AsAlice).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new SetAclRequest("/noa", Open), auth: AsAlice).Code);
    }

    [Fact]
    public void InvalidAclBeatsNoNodeAndNoAuthOnSetAcl()
    {
        var h = new TreeHarness();
        h.CreateAsAlice("/noa", AliceAndWorld(Permissions.All & ~Permissions.Admin));

        Assert.Equal(ResultCode.InvalidAcl, h.Write(new SetAclRequest("/noa", [])).Code);
        Assert.Equal(ResultCode.InvalidAcl, h.Write(new SetAclRequest("/noa", Unknown)).Code);
        Assert.Equal(ResultCode.InvalidAcl, h.Write(new SetAclRequest("/noa", AuthOnly)).Code);
        Assert.Equal(ResultCode.InvalidAcl, h.Write(new SetAclRequest("/missing", AuthOnly)).Code);
        Assert.Equal(ResultCode.NoNode, h.Write(new SetAclRequest("/missing", Open)).Code);
    }

    [Fact]
    public void SetAclStoresTheFixedUpAcl()
    {
        var h = new TreeHarness();
        h.Create("/s");

        var reply = h.Write(new SetAclRequest("/s", [new AclEntry(Permissions.Read, "auth", ""), new AclEntry(Permissions.Read, "auth", "")]), auth: AsAlice);

        Assert.Equal(ResultCode.Ok, reply.Code);
        Assert.True(h.Tree.TryGetNode("/s", out var node));
        Assert.Equal([new AclEntry(Permissions.Read, "digest", Alice.Id)], node.Acl);
    }

    [Fact]
    public void CheckInAMultiNeedsRead()
    {
        var h = new TreeHarness();
        h.CreateAsAlice("/none", AliceAndWorld(Permissions.Write));

        Assert.Equal(ResultCode.NoAuth, h.Write(new MultiRequest([new CheckVersionRequest("/none", 0)])).Code);
        Assert.Equal(ResultCode.NoAuth, h.Write(new MultiRequest([new CheckVersionRequest("/none", 5)])).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new MultiRequest([new CheckVersionRequest("/none", 0)]), auth: AsAlice).Code);
    }

    [Fact]
    public void MultiFailsAtTheFirstOpWithoutPermission()
    {
        // Observed: [create /t/ok1, create /t/noc/x, create /t/ok2] answered [0, NoAuth, RuntimeInconsistency].
        var h = WithoutCreateOrDelete();

        var reply = h.Write(new MultiRequest([
            new CreateRequest("/ok1", [], Open, CreateMode.Persistent),
            new CreateRequest("/noc/x", [], Open, CreateMode.Persistent),
            new CreateRequest("/ok2", [], Open, CreateMode.Persistent)]));

        Assert.Equal(ResultCode.NoAuth, reply.Code);
        Assert.Equal(
            [ResultCode.Ok, ResultCode.NoAuth, ResultCode.RuntimeInconsistency],
            Assert.IsType<MultiResult>(reply.Result).Results.Select(r => r.Code));
        Assert.False(h.Tree.TryGetNode("/ok1", out _));
    }

    [Fact]
    public void MultiChecksNodesCreatedEarlierInItWithTheirNewAcl()
    {
        // Observed: [create /mp world:READ, create /mp/c] answered [RolledBack, NoAuth].
        var h = new TreeHarness();
        IReadOnlyList<AclEntry> readOnly = [new AclEntry(Permissions.Read, "world", "anyone")];

        var reply = h.Write(new MultiRequest([
            new CreateRequest("/p", [], readOnly, CreateMode.Persistent),
            new CreateRequest("/p/c", [], Open, CreateMode.Persistent)]));

        Assert.Equal(
            [ResultCode.Ok, ResultCode.NoAuth],
            Assert.IsType<MultiResult>(reply.Result).Results.Select(r => r.Code));
    }

    [Fact]
    public void LeadersOwnWritesSkipAclChecks()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.CreateAsAlice("/locked", [AliceAll]);
        h.CreateAsAlice("/locked/eph", Open, CreateMode.Ephemeral, session);
        h.CreateAsAlice("/locked/c", [AliceAll], CreateMode.Container);
        h.CreateAsAlice("/locked/c/x", [AliceAll]);
        Assert.Equal(ResultCode.Ok, h.Write(new DeleteRequest("/locked/c/x"), auth: AsAlice).Code);

        Assert.Equal(ResultCode.Ok, h.Write(new ReapNodeRequest("/locked/c")).Code);
        Assert.Equal(ResultCode.Ok, h.Write(new ExpireSessionRequest(session.Value)).Code);
        Assert.False(h.Tree.TryGetNode("/locked/eph", out _));
        Assert.False(h.Tree.TryGetNode("/locked/c", out _));
    }
}
