using System.Diagnostics;
using System.Threading.Channels;
using CoordinationService.Client.Discovery;
using CoordinationService.Client.Election;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Recipes;

/// <summary>
/// Election and discovery across real processes against a real silo process: applications that die
/// with SIGKILL, so nothing of theirs says goodbye and only session expiry can tell the others.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RecipeProcessTests(RecipeSiloFixture silo, ITestOutputHelper output) : IClassFixture<RecipeSiloFixture>
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>The bound the guarantee names: the dead process's session timeout, plus one second.</summary>
    private static readonly TimeSpan Bound = RecipeSiloFixture.SessionTimeout + TimeSpan.FromSeconds(1);

    [Fact]
    public async Task KillingTheLeadersProcessElectsTheNextWithinTheSessionTimeoutPlusOneSecondAndNoTermRepeats()
    {
        var path = $"/election-{Guid.NewGuid():N}";
        var election = new LeaderElection(silo.Client, path);
        var clock = Stopwatch.StartNew();
        // Two .NET applications start together; whichever joins first leads, the other queues behind it.
        await using var a = ChildProcess.StartRecipeHost("dotnet-a", ElectArguments(path, "dotnet-a"));
        await using var b = ChildProcess.StartRecipeHost("dotnet-b", ElectArguments(path, "dotnet-b"));
        await Eventually.TrueAsync(async () => (await election.GetContendersAsync()).Count == 2, Startup, "both .NET contenders joined");
        var (first, second) = (await election.GetContendersAsync())[0] == a.Name ? (a, b) : (b, a);
        var firstLeads = await first.ExpectLineAsync("LEADER ", Startup);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: {first.Name} leads, {second.Name} queued");

        // A kazoo Election on the same path queues behind them: the node names are kazoo's.
        await using var c = ChildProcess.StartKazoo(
            "kazoo-c", "election_contender.py", silo.Hosts, "--path", path, "--id", "kazoo-c", "--session-timeout", Seconds(RecipeSiloFixture.SessionTimeout));
        await Eventually.TrueAsync(async () => (await election.GetContendersAsync()).Count == 3, Startup, "kazoo-c queued");
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: kazoo-c queued");
        Assert.Equal([first.Name, second.Name, "kazoo-c"], await election.GetContendersAsync());
        Assert.Equal(Term(firstLeads.Line), (await election.GetLeaderAsync())!.Term);

        var secondLeads = await KillAndAwaitNextLeaderAsync(first, second);
        var cLeads = await KillAndAwaitNextLeaderAsync(second, c);

        var leader = await election.GetLeaderAsync();
        Assert.Equal("kazoo-c", leader!.Identifier);
        Assert.Equal(Term(cLeads.Line), leader.Term);
        long[] terms = [Term(firstLeads.Line), Term(secondLeads.Line), Term(cLeads.Line)];
        Assert.True(terms[0] < terms[1] && terms[1] < terms[2], "terms must strictly increase: " + string.Join(", ", terms));
        foreach (var contender in new[] { a, b, c })
        {
            // Each contender led exactly once, so no term was held twice.
            Assert.Single(contender.Describe().Split('\n'), l => l.StartsWith("LEADER ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnInstanceRegisteredByAKilledProcessDisappearsAndWatchersSeeIt()
    {
        var basePath = $"/services-{Guid.NewGuid():N}";
        var registry = new ServiceRegistry(silo.Client, new ServiceRegistryOptions { BasePath = basePath });
        var snapshots = Channel.CreateUnbounded<(IReadOnlyList<ServiceInstance> Instances, long Timestamp)>();
        using var stop = new CancellationTokenSource();
        var watching = Task.Run(async () =>
        {
            await foreach (var instances in registry.WatchAsync("orders", stop.Token))
            {
                snapshots.Writer.TryWrite((instances, Stopwatch.GetTimestamp()));
            }
        });
        Assert.Empty((await NextAsync(snapshots)).Instances);

        await using var doomed = ChildProcess.StartRecipeHost("instance-d", RegisterArguments(basePath, "d-1", 5301, "west"));
        await using var survivor = ChildProcess.StartRecipeHost("instance-e", RegisterArguments(basePath, "e-1", 5302, "east"));
        await doomed.ExpectLineAsync("REGISTERED", Startup);
        await survivor.ExpectLineAsync("REGISTERED", Startup);
        var d = new ServiceInstance("d-1", "127.0.0.1", 5301, new Dictionary<string, string> { ["zone"] = "west" });
        var e = new ServiceInstance("e-1", "127.0.0.1", 5302, new Dictionary<string, string> { ["zone"] = "east" });
        await Eventually.TrueAsync(async () => (await registry.GetInstancesAsync("orders")).Count == 2, Patience, "both instances registered");
        while ((await NextAsync(snapshots)).Instances.Count < 2)
        {
        }

        var killed = Stopwatch.GetTimestamp();
        await doomed.KillAsync();
        var after = await NextAsync(snapshots);
        var elapsed = Stopwatch.GetElapsedTime(killed, after.Timestamp);
        output.WriteLine($"the watcher saw d-1 leave {elapsed.TotalMilliseconds:F0} ms after SIGKILL");

        Assert.Equal([e], after.Instances);
        Assert.True(elapsed <= Bound, $"d-1 left {elapsed.TotalMilliseconds:F0} ms after its process was killed; the bound is {Bound.TotalMilliseconds} ms");
        Assert.Equal([e], await registry.GetInstancesAsync("orders"));
        Assert.DoesNotContain(d, after.Instances);

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }

    private async Task<(string Line, long Timestamp)> KillAndAwaitNextLeaderAsync(ChildProcess leader, ChildProcess next)
    {
        var killed = Stopwatch.GetTimestamp();
        await leader.KillAsync();
        var leads = await next.ExpectLineAsync("LEADER ", Patience);
        var elapsed = Stopwatch.GetElapsedTime(killed, leads.Timestamp);
        output.WriteLine($"{next.Name} led {elapsed.TotalMilliseconds:F0} ms after {leader.Name} was killed");
        Assert.True(
            elapsed <= Bound,
            $"{next.Name} led {elapsed.TotalMilliseconds:F0} ms after {leader.Name} was killed; the bound is {Bound.TotalMilliseconds} ms\n{next.Describe()}");
        return leads;
    }

    private string[] ElectArguments(string path, string id) =>
        ["elect", "--gateway-port", $"{silo.GatewayPort}", "--session-ms", $"{RecipeSiloFixture.SessionTimeout.TotalMilliseconds}", "--path", path, "--id", id];

    private string[] RegisterArguments(string basePath, string id, int port, string zone) =>
    [
        "register", "--gateway-port", $"{silo.GatewayPort}", "--session-ms", $"{RecipeSiloFixture.SessionTimeout.TotalMilliseconds}",
        "--base-path", basePath, "--service", "orders", "--id", id, "--address", "127.0.0.1", "--port", $"{port}", "--zone", zone,
    ];

    private static async Task<(IReadOnlyList<ServiceInstance> Instances, long Timestamp)> NextAsync(
        Channel<(IReadOnlyList<ServiceInstance> Instances, long Timestamp)> snapshots)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await snapshots.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The term in "LEADER term=123 id=x".</summary>
    private static long Term(string line) => long.Parse(line.Split(' ')[1]["term=".Length..]);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
