using CoordinationService.Client;
using CoordinationService.Client.Election;
using CoordinationService.Errors;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Recipes;

/// <summary>Leader election through the .NET client against real in-process silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ElectionTests(OneSiloRecipeCluster fixture) : IClassFixture<OneSiloRecipeCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ContendersLeadOneAtATimeInJoinOrderWithIncreasingTerms()
    {
        var path = RecipeCluster.NewRoot("election");
        var elections = new List<LeaderElection>();
        for (var i = 0; i < 3; i++)
        {
            elections.Add(new LeaderElection(await fixture.ConnectAsync(), path, new LeaderElectionOptions { Identifier = $"c{i}" }));
        }

        var first = await elections[0].CampaignAsync().WaitAsync(Patience);
        var second = elections[1].CampaignAsync();
        await Eventually.TrueAsync(async () => (await elections[0].GetContendersAsync()).Count == 2, Patience, "the second contender queued");
        var third = elections[2].CampaignAsync();
        await Eventually.TrueAsync(async () => (await elections[0].GetContendersAsync()).Count == 3, Patience, "the third contender queued");

        Assert.Equal(["c0", "c1", "c2"], await elections[2].GetContendersAsync());
        Assert.Equal(new LeaderInfo("c0", first.Term, first.NodePath), await elections[1].GetLeaderAsync());
        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        await first.ResignAsync();
        Assert.True(first.LostToken.IsCancellationRequested);
        var secondLeadership = await second.WaitAsync(Patience);
        Assert.False(third.IsCompleted);
        Assert.True(secondLeadership.Term > first.Term);

        await secondLeadership.DisposeAsync();
        var thirdLeadership = await third.WaitAsync(Patience);
        Assert.True(thirdLeadership.Term > secondLeadership.Term);
        Assert.Equal("c2", (await elections[0].GetLeaderAsync())!.Identifier);
        await thirdLeadership.DisposeAsync();
        Assert.Null(await elections[0].GetLeaderAsync());
    }

    [Fact]
    public async Task DeletingTheLeadersNodeEndsItsLeadershipAndPromotesTheNext()
    {
        var path = RecipeCluster.NewRoot("election");
        var admin = await fixture.ConnectAsync();
        var leader = await new LeaderElection(await fixture.ConnectAsync(), path).CampaignAsync().WaitAsync(Patience);
        var next = new LeaderElection(await fixture.ConnectAsync(), path).CampaignAsync();
        await Eventually.TrueAsync(async () => (await admin.GetChildrenAsync(path)).Names.Count == 2, Patience, "the second contender queued");

        var lost = new TaskCompletionSource();
        leader.LostToken.Register(lost.SetResult);
        await admin.DeleteAsync(leader.NodePath);

        await lost.Task.WaitAsync(Patience);
        Assert.Equal("its node was deleted", leader.LostReason);
        var promoted = await next.WaitAsync(Patience);
        Assert.False(promoted.IsLost);
        Assert.True(promoted.Term > leader.Term);
    }

    [Fact]
    public async Task ClosingTheLeadersSessionEndsItsLeadershipAndPromotesTheNext()
    {
        var path = RecipeCluster.NewRoot("election");
        var leaderClient = await fixture.ConnectAsync();
        var leader = await new LeaderElection(leaderClient, path).CampaignAsync().WaitAsync(Patience);
        var observer = new LeaderElection(await fixture.ConnectAsync(), path);
        var next = observer.CampaignAsync();
        await Eventually.TrueAsync(async () => (await observer.GetContendersAsync()).Count == 2, Patience, "the second contender queued");

        await leaderClient.CloseAsync();

        await Eventually.TrueAsync(() => Task.FromResult(leader.LostToken.IsCancellationRequested), Patience, "the leader heard its session ended");
        Assert.Equal("the session ended", leader.LostReason);
        Assert.True((await next.WaitAsync(Patience)).Term > leader.Term);
    }

    [Fact]
    public async Task ACancelledCampaignLeavesNoNode()
    {
        var path = RecipeCluster.NewRoot("election");
        var admin = await fixture.ConnectAsync();
        await using var leader = await new LeaderElection(await fixture.ConnectAsync(), path).CampaignAsync().WaitAsync(Patience);
        using var giveUp = new CancellationTokenSource();
        var waiting = new LeaderElection(await fixture.ConnectAsync(), path).CampaignAsync(giveUp.Token);
        await Eventually.TrueAsync(async () => (await admin.GetChildrenAsync(path)).Names.Count == 2, Patience, "the second contender queued");

        giveUp.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal([leader.NodePath], (await admin.GetChildrenAsync(path)).Names.Select(n => $"{path}/{n}"));
    }

    [Fact]
    public async Task ObserversSeeTheLeaderThenEachChangeOfLeader()
    {
        var path = RecipeCluster.NewRoot("election");
        var observer = new LeaderElection(await fixture.ConnectAsync(), path);
        using var stop = new CancellationTokenSource(Patience * 2);
        var seen = new List<LeaderInfo?>();
        var changes = Task.Run(async () =>
        {
            await foreach (var leader in observer.ObserveAsync(stop.Token))
            {
                lock (seen)
                {
                    seen.Add(leader);
                }
            }
        });

        await Eventually.TrueAsync(() => Task.FromResult(Count(seen) == 1), Patience, "the observer reported nobody leads");
        var a = await new LeaderElection(await fixture.ConnectAsync(), path, new LeaderElectionOptions { Identifier = "a" }).CampaignAsync().WaitAsync(Patience);
        var b = new LeaderElection(await fixture.ConnectAsync(), path, new LeaderElectionOptions { Identifier = "b" }).CampaignAsync();
        await Eventually.TrueAsync(() => Task.FromResult(Count(seen) == 2), Patience, "the observer saw a lead");
        await a.ResignAsync();
        var bLeadership = await b.WaitAsync(Patience);
        await Eventually.TrueAsync(() => Task.FromResult(Count(seen) == 3), Patience, "the observer saw b take over");
        await bLeadership.ResignAsync();
        await Eventually.TrueAsync(() => Task.FromResult(Count(seen) == 4), Patience, "the observer saw nobody lead");

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => changes);
        lock (seen)
        {
            Assert.Equal(
                [null, new LeaderInfo("a", a.Term, a.NodePath), new LeaderInfo("b", bLeadership.Term, bLeadership.NodePath), null],
                seen);
        }
    }

    [Fact]
    public async Task ObservingEndsWithSessionExpiredWhenTheSessionEnds()
    {
        var client = await fixture.ConnectAsync();
        var observer = new LeaderElection(client, RecipeCluster.NewRoot("election"));
        var enumerator = observer.ObserveAsync().GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Null(enumerator.Current);

        await client.CloseAsync();

        await Assert.ThrowsAsync<SessionExpiredException>(async () => await enumerator.MoveNextAsync().AsTask().WaitAsync(Patience));
    }

    private static int Count(List<LeaderInfo?> seen)
    {
        lock (seen)
        {
            return seen.Count;
        }
    }
}
