using CoordinationService.Client;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Recipes;

/// <summary>Retries after a reply lost on its way back, against a real in-process silo.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ProtectedCreateTests(OneSiloRecipeCluster fixture) : IClassFixture<OneSiloRecipeCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ARetriedProtectedCreateAfterALostReplyLeavesExactlyOneNodeWhereAPlainRetryLeavesAnOrphan()
    {
        var parent = RecipeCluster.NewRoot("locks");
        var admin = await fixture.ConnectAsync();
        await admin.CreateAsync(parent, []);
        var losing = new ReplyLosingGrainFactory(fixture.Cluster.GrainsOf(0));
        await using var client = await CoordinationClient.ConnectAsync(losing.Grains, RecipeCluster.Options);

        // Plainly retried, the create whose reply was lost leaves a second node behind.
        losing.LoseNextReplyTo(IsCreateUnder(parent));
        var plain = await CoordinationRetry.Default.ExecuteAsync(
            async ct => await client.CreateAsync($"{parent}/plain-", [], CreateMode.EphemeralSequential, cancellationToken: ct));
        Assert.Equal(1, losing.LostReplies);
        Assert.Equal(["plain-0000000000", "plain-0000000001"], (await admin.GetChildrenAsync(parent)).Names.Order());
        await admin.DeleteAsync($"{parent}/plain-0000000000");
        await admin.DeleteAsync(plain);

        // Protected, the retry finds the node the lost attempt made and returns it.
        losing.LoseNextReplyTo(IsCreateUnder(parent));
        var created = await client.CreateProtectedAsync($"{parent}/lock-", "me"u8.ToArray(), CreateMode.EphemeralSequential);

        Assert.Equal(2, losing.LostReplies);
        var name = Assert.Single((await admin.GetChildrenAsync(parent)).Names);
        Assert.Equal($"{parent}/{name}", created.Path);
        Assert.StartsWith("_c_", name, StringComparison.Ordinal);
        Assert.Equal("lock-0000000002", ProtectedNames.Unprotect(name));
        Assert.Equal(client.SessionId.Value, created.Stat.EphemeralOwner);
        Assert.Equal(created.Stat, await admin.ExistsAsync(created.Path));
        Assert.Single(losing.Sent, r => IsCreateUnder(parent + "/_c_")(r));
    }

    [Fact]
    public async Task AProtectedCreateThatGivesUpAfterALostReplyRemovesItsNode()
    {
        var parent = RecipeCluster.NewRoot("locks");
        var admin = await fixture.ConnectAsync();
        await admin.CreateAsync(parent, []);
        var losing = new ReplyLosingGrainFactory(fixture.Cluster.GrainsOf(0));
        await using var client = await CoordinationClient.ConnectAsync(losing.Grains, RecipeCluster.Options);
        var noRetry = CoordinationRetry.CreatePipeline(new CoordinationRetryOptions { MaxRetryAttempts = 0 });

        losing.LoseNextReplyTo(IsCreateUnder(parent));
        await Assert.ThrowsAsync<ConnectionLossException>(() =>
            client.CreateProtectedAsync($"{parent}/job-", [], CreateMode.PersistentSequential, retry: noRetry));

        // The node the lost attempt made is persistent: only the clean-up can remove it.
        Assert.Equal(1, losing.LostReplies);
        await Eventually.TrueAsync(async () => (await admin.GetChildrenAsync(parent)).Names.Count == 0, Patience, "the orphan was removed");
        Assert.Single(losing.Sent, r => IsCreateUnder(parent)(r));
    }

    [Fact]
    public async Task IdempotentWritesRideOutALostReply()
    {
        var root = RecipeCluster.NewRoot("idempotent");
        var admin = await fixture.ConnectAsync();
        var losing = new ReplyLosingGrainFactory(fixture.Cluster.GrainsOf(0));
        await using var client = await CoordinationClient.ConnectAsync(losing.Grains, RecipeCluster.Options);

        losing.LoseNextReplyTo(r => r is CreateRequest);
        await client.EnsurePathAsync($"{root}/a/b");
        Assert.NotNull(await admin.ExistsAsync($"{root}/a/b"));

        losing.LoseNextReplyTo(r => r is SetDataRequest);
        var stat = await CoordinationRetry.Default.ExecuteAsync(async ct => await client.SetDataAsync($"{root}/a", "v"u8.ToArray(), cancellationToken: ct));
        Assert.Equal("v"u8.ToArray(), (await admin.GetDataAsync($"{root}/a")).Data);
        Assert.Equal(2, stat.Version);

        losing.LoseNextReplyTo(r => r is DeleteRequest);
        Assert.True(await client.DeleteIfExistsAsync($"{root}/a/b"));
        Assert.Null(await admin.ExistsAsync($"{root}/a/b"));
        Assert.False(await client.DeleteIfExistsAsync($"{root}/a/b"));
        Assert.Equal(3, losing.LostReplies);
    }

    private static Func<ClientRequest, bool> IsCreateUnder(string prefix) =>
        r => r is CreateRequest create && create.Path.StartsWith(prefix, StringComparison.Ordinal);
}
