using System.Text;
using CoordinationService.Grains;
using CoordinationService.Locks;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Locks;

/// <summary>
/// The lock requests as a session sends them, one silo, no client library: joining and leaving are
/// idempotent per owner id (a resent join after a lost reply finds its node, Curator's protection
/// mode), run with the session's identities, and refuse bad input without changing anything.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LockProtocolTests(EmbeddedSingleSilo silo) : IClassFixture<EmbeddedSingleSilo>
{
    [Fact]
    public async Task AResentJoinFindsTheNodeItsLostReplyWouldHaveNamed()
    {
        var session = await silo.OpenAsync();
        var path = UniquePath();
        var join = new JoinLockRequest(path, Guid.NewGuid(), LockKind.Exclusive);

        var first = Ticket(await session.RunAsync(join));
        var again = Ticket(await session.RunAsync(join));

        Assert.Equal(first, again);
        Assert.True(first.Granted);
        Assert.Equal([PathValidation.NameOf(first.NodePath)], await ChildrenAsync(session, path));
    }

    [Fact]
    public async Task AJoinThatFindsTwoNodesOfItsOwnerKeepsTheFirstAndDeletesTheOther()
    {
        var session = await silo.OpenAsync();
        var path = UniquePath();
        var owner = Guid.NewGuid();
        var prefix = $"{path}/{LockNodeNames.Prefix(owner, LockKind.Exclusive)}";
        await session.RunAsync(Make.Create(path));
        var first = Assert.IsType<CreateResult>((await session.RunAsync(Make.Create(prefix, mode: CreateMode.EphemeralSequential))).Result).Path;
        await session.RunAsync(Make.Create(prefix, mode: CreateMode.EphemeralSequential));

        var ticket = Ticket(await session.RunAsync(new JoinLockRequest(path, owner, LockKind.Exclusive)));

        Assert.Equal(first, ticket.NodePath);
        Assert.Equal([PathValidation.NameOf(first)], await ChildrenAsync(session, path));
    }

    [Fact]
    public async Task ALeaveDeletesTheOwnersNodeWhetherHeldOrWaitingAndMayBeRepeated()
    {
        var holder = await silo.OpenAsync();
        var waiter = await silo.OpenAsync();
        var path = UniquePath();
        var held = Ticket(await holder.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Exclusive)));
        var waiting = new JoinLockRequest(path, Guid.NewGuid(), LockKind.Exclusive);
        Assert.False(Ticket(await waiter.RunAsync(waiting)).Granted);

        Assert.Equal(ResultCode.Ok, (await waiter.RunAsync(new LeaveLockRequest(path, waiting.Owner))).Code);
        Assert.Equal(ResultCode.Ok, (await waiter.RunAsync(new LeaveLockRequest(path, waiting.Owner))).Code);
        Assert.Equal([PathValidation.NameOf(held.NodePath)], await ChildrenAsync(holder, path));

        // Another session's leave with the holder's owner id touches nothing: nodes belong to their session.
        var holderOwner = Guid.ParseExact(PathValidation.NameOf(held.NodePath)[..32], "N");
        await waiter.RunAsync(new LeaveLockRequest(path, holderOwner));
        Assert.Equal([PathValidation.NameOf(held.NodePath)], await ChildrenAsync(holder, path));
    }

    [Fact]
    public async Task TheContenderNodeIsAnEphemeralOfTheSessionAndGoesWithIt()
    {
        var holder = await silo.OpenAsync();
        var observer = await silo.OpenAsync();
        var path = UniquePath();
        var ticket = Ticket(await holder.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Exclusive)));
        var stat = Assert.IsType<StatResult>((await observer.RunAsync(new ExistsRequest(ticket.NodePath))).Result).Stat;
        Assert.Equal(holder.Id.Value, stat.EphemeralOwner);
        Assert.Equal(stat.Czxid, ticket.FencingToken);

        await holder.RunAsync(new CloseSessionRequest());
        Assert.Equal(ResultCode.NoNode, (await observer.RunAsync(new ExistsRequest(ticket.NodePath))).Code);
    }

    [Fact]
    public async Task AJoinIsCheckedAgainstTheLockPathsAclWithTheSessionsIdentities()
    {
        var session = await silo.OpenAsync();
        var path = UniquePath();
        await session.RunAsync(new CreateRequest(path, [], [new AclEntry(Permissions.Read, "world", "anyone")], CreateMode.Persistent));

        Assert.Equal(ResultCode.NoAuth, (await session.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Exclusive))).Code);
        Assert.Empty(await ChildrenAsync(session, path));
    }

    [Fact]
    public async Task BadLockRequestsAreRefusedAndChangeNothing()
    {
        var session = await silo.OpenAsync();
        var before = await silo.DigestAsync();
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new JoinLockRequest("/", Guid.NewGuid(), LockKind.Exclusive))).Code);
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new JoinLockRequest("/a//b", Guid.NewGuid(), LockKind.Exclusive))).Code);
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new JoinLockRequest("/a", Guid.NewGuid(), LockKind.Semaphore, MaxHolders: 0))).Code);
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new JoinLockRequest("/a", Guid.NewGuid(), (LockKind)7))).Code);
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new LeaveLockRequest("relative", Guid.NewGuid()))).Code);
        Assert.Equal(before, await silo.DigestAsync());
    }

    [Fact]
    public async Task ASemaphorePathRecordsItsHolderCountAndRefusesAnother()
    {
        var session = await silo.OpenAsync();
        var path = UniquePath();
        Assert.True(Ticket(await session.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Semaphore, MaxHolders: 2))).Granted);
        Assert.True(Ticket(await session.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Semaphore, MaxHolders: 2))).Granted);
        Assert.False(Ticket(await session.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Semaphore, MaxHolders: 2))).Granted);

        var data = Assert.IsType<DataResult>((await session.RunAsync(new GetDataRequest(path))).Result);
        Assert.Equal("2", Encoding.UTF8.GetString(data.Data));
        Assert.Equal(ResultCode.BadArguments, (await session.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Semaphore, MaxHolders: 3))).Code);
        Assert.Equal(3, (await ChildrenAsync(session, path)).Count);
    }

    [Fact]
    public async Task TheLockGrainAnswersGrantedGoneOrWaitingFromTheTree()
    {
        var holder = await silo.OpenAsync();
        var waiter = await silo.OpenAsync();
        var path = UniquePath();
        var held = Ticket(await holder.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Exclusive)));
        var waiting = Ticket(await waiter.RunAsync(new JoinLockRequest(path, Guid.NewGuid(), LockKind.Exclusive)));
        var grain = silo.Grains.GetGrain<ILockGrain>(path);
        LockWait WaitFor(RawSession session, LockResult ticket, TimeSpan maxWait) =>
            new(session.Id, PathValidation.NameOf(ticket.NodePath), 1, session.LastZxidSeen, maxWait);

        Assert.Equal(LockWaitStatus.Granted, (await grain.WaitForGrant(WaitFor(holder, held, TimeSpan.FromSeconds(5)))).Status);
        Assert.Equal(LockWaitStatus.Waiting, (await grain.WaitForGrant(WaitFor(waiter, waiting, TimeSpan.FromMilliseconds(100)))).Status);
        var wait = grain.WaitForGrant(WaitFor(waiter, waiting, TimeSpan.FromSeconds(20)));
        var release = await holder.RunAsync(new DeleteRequest(held.NodePath));
        var granted = await wait.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(LockWaitStatus.Granted, granted.Status);
        Assert.True(granted.Zxid >= release.Zxid, "the grant reflects the release");
        Assert.Equal(LockWaitStatus.Gone, (await grain.WaitForGrant(WaitFor(holder, held, TimeSpan.FromSeconds(5)))).Status);
    }

    private static string UniquePath() => $"/protocol-{Guid.NewGuid():N}";

    private static LockResult Ticket(OpReply reply)
    {
        Assert.Equal(ResultCode.Ok, reply.Code);
        return Assert.IsType<LockResult>(reply.Result);
    }

    private static async Task<IReadOnlyList<string>> ChildrenAsync(RawSession session, string path)
    {
        var reply = await session.RunAsync(new GetChildrenRequest(path));
        return Assert.IsType<ChildrenResult>(reply.Result).Children;
    }
}
