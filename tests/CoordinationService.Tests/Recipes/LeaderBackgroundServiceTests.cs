using System.Threading.Channels;
using CoordinationService.Client;
using CoordinationService.Client.Election;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoordinationService.Tests.Recipes;

/// <summary>The hosted-service helper: work runs only while leading and is cancelled when leadership goes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class LeaderBackgroundServiceTests(OneSiloRecipeCluster fixture) : IClassFixture<OneSiloRecipeCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task WorkRunsOnlyWhileLeadingAndMovesWhenLeadershipIsLostOrTheHostStops()
    {
        var path = RecipeCluster.NewRoot("leader-service");
        var log = Channel.CreateUnbounded<string>();
        var admin = new LeaderElection(await fixture.ConnectAsync(), path);
        using var first = await StartHostAsync(path, "h1", log);
        var t1 = Term(await NextAsync(log, "h1 leads"));

        using var second = await StartHostAsync(path, "h2", log);
        await Eventually.TrueAsync(async () => (await admin.GetContendersAsync()).Count == 2, Patience, "h2 queued behind h1");

        // Deleting the leader's node takes leadership away: h1's work is cancelled, h2's starts, h1 queues again.
        var client = await fixture.ConnectAsync();
        await client.DeleteAsync((await admin.GetLeaderAsync())!.NodePath);
        var handover = new[] { await NextAsync(log), await NextAsync(log) };
        Assert.Contains("h1 stops", handover);
        var t2 = Term(Assert.Single(handover, l => l.StartsWith("h2 leads", StringComparison.Ordinal)));
        Assert.True(t2 > t1);
        await Eventually.TrueAsync(async () => (await admin.GetContendersAsync()).SequenceEqual(["h2", "h1"]), Patience, "h1 campaigned again");

        await second.StopAsync();
        Assert.Equal("h2 stops", await NextAsync(log));
        var t3 = Term(await NextAsync(log, "h1 leads"));
        Assert.True(t3 > t2);

        await first.StopAsync();
        Assert.Equal("h1 stops", await NextAsync(log));
        Assert.Null(await admin.GetLeaderAsync());
    }

    private async Task<IHost> StartHostAsync(string path, string name, Channel<string> log)
    {
        var client = await fixture.ConnectAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddHostedService(_ => new RecordingLeader(client, path, name, log.Writer));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<string> NextAsync(Channel<string> log, string? expectedPrefix = null)
    {
        using var timeout = new CancellationTokenSource(Patience);
        var line = await log.Reader.ReadAsync(timeout.Token);
        if (expectedPrefix is not null)
        {
            Assert.StartsWith(expectedPrefix, line, StringComparison.Ordinal);
        }

        return line;
    }

    private static long Term(string line) => long.Parse(line[(line.LastIndexOf(' ') + 1)..]);

    private sealed class RecordingLeader(CoordinationClient client, string path, string name, ChannelWriter<string> log)
        : LeaderBackgroundService(client, path, new LeaderElectionOptions { Identifier = name })
    {
        protected override async Task ExecuteWhileLeaderAsync(Leadership leadership, CancellationToken cancellationToken)
        {
            log.TryWrite($"{name} leads {leadership.Term}");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            finally
            {
                log.TryWrite($"{name} stops");
            }
        }
    }
}
