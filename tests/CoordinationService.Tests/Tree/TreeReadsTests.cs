using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;

namespace CoordinationService.Tests.Tree;

public sealed class TreeReadsTests
{
    private static OpReply Read(TreeHarness h, ReadRequest request, SessionId session = default, IReadOnlyList<AuthId>? auth = null) =>
        TreeReads.Execute(h.Tree, request, session, auth ?? []);

    [Fact]
    public void GetDataReturnsDataAndStatAtTheAppliedZxid()
    {
        var h = new TreeHarness();
        h.Create("/a", data: [9, 8]);

        var reply = Read(h, new GetDataRequest("/a", Watch: true));

        var result = Assert.IsType<DataResult>(reply.Result);
        Assert.Equal(new byte[] { 9, 8 }, result.Data);
        Assert.Equal(h.StatOf("/a"), result.Stat);
        Assert.Equal(h.Tree.LastApplied.Value, reply.Zxid);
    }

    [Fact]
    public void ExistsAnswersStatOrNoNode()
    {
        var h = new TreeHarness();
        h.Create("/a");

        Assert.Equal(h.StatOf("/a"), Assert.IsType<StatResult>(Read(h, new ExistsRequest("/a")).Result).Stat);
        var missing = Read(h, new ExistsRequest("/b"));
        Assert.Equal(ResultCode.NoNode, missing.Code);
        Assert.Equal(h.Tree.LastApplied.Value, missing.Zxid);
    }

    [Fact]
    public void ChildrenAreSortedOrdinal()
    {
        var h = new TreeHarness();
        h.Create("/p");
        foreach (var name in new[] { "b", "a", "C", "a-1" })
        {
            h.Create("/p/" + name);
        }

        var result = Assert.IsType<ChildrenResult>(Read(h, new GetChildrenRequest("/p")).Result);

        Assert.Equal(new[] { "C", "a", "a-1", "b" }, result.Children);
        Assert.Equal(h.StatOf("/p"), result.Stat);
    }

    [Fact]
    public void AllChildrenNumberCountsEveryDescendant()
    {
        var h = new TreeHarness();
        Assert.Equal(3, Assert.IsType<CountResult>(Read(h, new GetAllChildrenNumberRequest("/")).Result).Count);
        h.Create("/a");
        h.Create("/a/b");
        h.Create("/a/b/c");
        h.Create("/a/d");

        Assert.Equal(3, Assert.IsType<CountResult>(Read(h, new GetAllChildrenNumberRequest("/a")).Result).Count);
        Assert.Equal(7, Assert.IsType<CountResult>(Read(h, new GetAllChildrenNumberRequest("/")).Result).Count);
        Assert.Equal(ResultCode.NoNode, Read(h, new GetAllChildrenNumberRequest("/x")).Code);
    }

    [Fact]
    public void EphemeralsMatchAPlainStringPrefix()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        var other = h.OpenSession();
        h.Create("/locks");
        h.Create("/lockz", CreateMode.Ephemeral, session);
        h.Create("/locks/b", CreateMode.Ephemeral, session);
        h.Create("/locks/a", CreateMode.Ephemeral, session);
        h.Create("/locks/o", CreateMode.Ephemeral, other);

        Assert.Equal(new[] { "/locks/a", "/locks/b", "/lockz" }, Paths(Read(h, new GetEphemeralsRequest("/lock"), session)));
        Assert.Equal(new[] { "/locks/a", "/locks/b" }, Paths(Read(h, new GetEphemeralsRequest("/locks/"), session)));
        Assert.Equal(new[] { "/locks/a", "/locks/b", "/lockz" }, Paths(Read(h, new GetEphemeralsRequest("/"), session)));
        Assert.Empty(Paths(Read(h, new GetEphemeralsRequest("/"), new SessionId(777))));
    }

    [Fact]
    public void GetAclReturnsTheStoredAclAndStat()
    {
        var h = new TreeHarness();
        IReadOnlyList<AclEntry> acl = [new AclEntry(Permissions.Read | Permissions.Write, "digest", "u:x")];
        h.Write(new CreateRequest("/a", [], acl, CreateMode.Persistent));

        // Reading needs READ; without ADMIN the digest is masked to "u:x", which it already is.
        var result = Assert.IsType<AclResult>(Read(h, new GetAclRequest("/a"), auth: [new AuthId("digest", "u:x")]).Result);

        Assert.Equal(acl, result.Acl);
        Assert.Equal(h.StatOf("/a"), result.Stat);
    }

    [Theory]
    [InlineData("/a//b")]
    [InlineData("/a/.")]
    [InlineData("/a/")]
    [InlineData("a")]
    [InlineData("")]
    public void MalformedReadPathsAnswerNoNode(string path)
    {
        var h = new TreeHarness();
        h.Create("/a");

        Assert.Equal(ResultCode.NoNode, Read(h, new GetDataRequest(path)).Code);
        Assert.Equal(ResultCode.NoNode, Read(h, new ExistsRequest(path)).Code);
        Assert.Equal(ResultCode.NoNode, Read(h, new GetChildrenRequest(path)).Code);
        Assert.Equal(ResultCode.NoNode, Read(h, new GetAclRequest(path)).Code);
    }

    [Fact]
    public void WatchManagementIsNotATreeRead()
    {
        var h = new TreeHarness();

        Assert.Throws<ArgumentException>(() => Read(h, new SyncRequest("/")));
        Assert.Throws<ArgumentException>(() => Read(h, new AddWatchRequest("/", AddWatchMode.Persistent)));
        Assert.Throws<ArgumentException>(() => Read(h, new RemoveWatchesRequest("/", WatcherType.Any)));
    }

    private static IReadOnlyList<string> Paths(OpReply reply) => Assert.IsType<PathsResult>(reply.Result).Paths;
}
