using System.Text;
using CoordinationService.Client;
using CoordinationService.Client.Configuration;
using CoordinationService.Errors;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CoordinationService.Tests.Recipes;

/// <summary>The IConfiguration source over a znode subtree, against real in-process silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigurationTests(OneSiloRecipeCluster fixture) : IClassFixture<OneSiloRecipeCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task KeysMirrorTheSubtreeAndFollowCreatesUpdatesAndDeletes()
    {
        var root = RecipeCluster.NewRoot("config");
        var admin = await fixture.ConnectAsync();
        await admin.CreateAsync(root, Bytes("the root's own data is not a key"));
        await admin.CreateAsync($"{root}/Db", []);
        await admin.CreateAsync($"{root}/Db/ConnectionString", Bytes("Host=a"));
        await admin.CreateAsync($"{root}/Db/Pool", Bytes("section with a value"));
        await admin.CreateAsync($"{root}/Db/Pool/Size", Bytes("10"));
        await admin.CreateAsync($"{root}/Hosts", []);
        await admin.CreateAsync($"{root}/Hosts/0", Bytes("h0"));
        await admin.CreateAsync($"{root}/Hosts/1", Bytes("h1"));
        await admin.CreateAsync($"{root}/Empty", []);

        var configuration = new ConfigurationBuilder().AddCoordination(await fixture.ConnectAsync(), root).Build();

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Db:ConnectionString"] = "Host=a",
                ["Db:Pool"] = "section with a value",
                ["Db:Pool:Size"] = "10",
                ["Empty"] = "",
                ["Hosts:0"] = "h0",
                ["Hosts:1"] = "h1",
            },
            Flatten(configuration));
        Assert.Equal(["h0", "h1"], configuration.GetSection("Hosts").Get<string[]>()!);
        Assert.Equal("Host=a", configuration["db:connectionstring"]);

        await admin.SetDataAsync($"{root}/Db/Pool/Size", Bytes("20"));
        await Eventually.TrueAsync(() => Task.FromResult(configuration["Db:Pool:Size"] == "20"), Patience, "the update arrived");
        await admin.CreateAsync($"{root}/Feature", []);
        await admin.CreateAsync($"{root}/Feature/Enabled", Bytes("true"));
        await Eventually.TrueAsync(() => Task.FromResult(configuration["Feature:Enabled"] == "true"), Patience, "the new key arrived");
        await admin.DeleteAsync($"{root}/Hosts/1");
        await Eventually.TrueAsync(() => Task.FromResult(configuration["Hosts:1"] is null), Patience, "the deleted key went");
    }

    [Fact]
    public async Task ASubtreeCreatedAfterStartAppearsAsAReload()
    {
        var root = RecipeCluster.NewRoot("config");
        var configuration = new ConfigurationBuilder().AddCoordination(await fixture.ConnectAsync(), root).Build();
        Assert.Empty(Flatten(configuration));
        var reloaded = new TaskCompletionSource();
        configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);

        var admin = await fixture.ConnectAsync();
        await admin.CreateAsync(root, []);
        await admin.CreateAsync($"{root}/Greeting", Bytes("hello"));

        await reloaded.Task.WaitAsync(Patience);
        await Eventually.TrueAsync(() => Task.FromResult(configuration["Greeting"] == "hello"), Patience, "the value arrived");
    }

    [Fact]
    public async Task ValuesStartFromTheCacheFileWhileTheServiceIsUnreachableThenFollowTheService()
    {
        using var directory = new TempDirectory();
        var cacheFile = Path.Combine(directory.Path, "config-cache.json");
        var root = RecipeCluster.NewRoot("config");
        var admin = await fixture.ConnectAsync();
        await admin.CreateAsync(root, []);
        await admin.CreateAsync($"{root}/Mode", Bytes("first"));

        // A first run reads the service and leaves the values in the cache file.
        var firstRun = new ConfigurationBuilder().AddCoordination(await fixture.ConnectAsync(), root, s => s.CacheFile = cacheFile).Build();
        Assert.Equal("first", firstRun["Mode"]);
        Assert.True(File.Exists(cacheFile));
        (firstRun as IDisposable)?.Dispose();

        // The next run starts while the service cannot be reached: it begins with the cached values.
        await admin.SetDataAsync($"{root}/Mode", Bytes("second"));
        var serviceReachable = new TaskCompletionSource<CoordinationClient>();
        var secondRun = new ConfigurationBuilder()
            .AddCoordination(ct => serviceReachable.Task.WaitAsync(ct), root, s =>
            {
                s.CacheFile = cacheFile;
                s.InitialLoadTimeout = TimeSpan.FromMilliseconds(300);
            })
            .Build();
        var provider = Assert.IsType<CoordinationConfigurationProvider>(Assert.Single(secondRun.Providers));
        Assert.Equal("first", secondRun["Mode"]);
        Assert.Equal(ConfigurationOrigin.Cache, provider.Origin);

        var reloaded = new TaskCompletionSource();
        secondRun.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);
        serviceReachable.SetResult(await fixture.ConnectAsync());

        await reloaded.Task.WaitAsync(Patience);
        Assert.Equal("second", secondRun["Mode"]);
        Assert.Equal(ConfigurationOrigin.Service, provider.Origin);
        Assert.Contains("second", await File.ReadAllTextAsync(cacheFile));
        (secondRun as IDisposable)?.Dispose();
    }

    [Fact]
    public async Task WithNeitherServiceNorCacheBuildingTheConfigurationFailsUnlessOptional()
    {
        var root = RecipeCluster.NewRoot("config");
        Func<CancellationToken, Task<CoordinationClient>> unreachable = ct => Task.FromException<CoordinationClient>(new ConnectionLossException());

        var failure = Assert.Throws<InvalidOperationException>(() =>
            new ConfigurationBuilder().AddCoordination(unreachable, root, s => s.InitialLoadTimeout = TimeSpan.FromMilliseconds(300)).Build());
        Assert.Contains(root, failure.Message);

        var optional = new ConfigurationBuilder()
            .AddCoordination(unreachable, root, s =>
            {
                s.InitialLoadTimeout = TimeSpan.FromMilliseconds(300);
                s.Optional = true;
            })
            .Build();
        Assert.Empty(Flatten(optional));
        (optional as IDisposable)?.Dispose();
    }

    internal static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    internal static Dictionary<string, string?> Flatten(IConfiguration configuration) =>
        configuration.AsEnumerable().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value);
}

/// <summary>Three applications, each with IOptionsMonitor over the same subtree, on a three-silo cluster.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConfigurationSubscriberTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    // Long enough to ride out the silo failure below (declared dead, leader moved) without expiring.
    private static readonly CoordinationClientOptions SubscriberOptions = new() { SessionTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task AChangeReachesOptionsMonitorOnChangeOnThreeSubscribersAlsoAfterASiloDies()
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 3);
        var root = RecipeCluster.NewRoot("config");
        await using (var setup = await CoordinationClient.ConnectAsync(cluster.GrainsOf(0), RecipeCluster.Options))
        {
            await setup.CreateAsync(root, []);
            await setup.CreateAsync($"{root}/Db", []);
            await setup.CreateAsync($"{root}/Db/ConnectionString", ConfigurationTests.Bytes("Host=one"));
        }

        // Sessions through the cluster's gateways, as separate applications would open them.
        var subscribers = new List<Subscriber>();
        for (var i = 0; i < 3; i++)
        {
            subscribers.Add(await Subscriber.StartAsync(await CoordinationClient.ConnectAsync(cluster.Cluster.Client, SubscriberOptions), root));
        }

        Assert.All(subscribers, s => Assert.Equal("Host=one", s.Monitor.CurrentValue.ConnectionString));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (subscriber, i) in subscribers.Select((s, i) => (s, i)))
        {
            subscriber.Client.StateChanged += (_, e) => output.WriteLine($"{clock.ElapsedMilliseconds} ms: subscriber {i} {e.Previous} -> {e.Current}");
        }

        await using (var writer = await CoordinationClient.ConnectAsync(cluster.GrainsOf(0), RecipeCluster.Options))
        {
            await writer.SetDataAsync($"{root}/Db/ConnectionString", ConfigurationTests.Bytes("Host=two"));
        }

        foreach (var subscriber in subscribers)
        {
            Assert.Equal("Host=two", await subscriber.NextChangeAsync(Patience));
        }

        // Kill the silo that holds the first subscriber's session: the session moves to another silo (a
        // persistent watch does not replay what it missed meanwhile; the provider reads again), and changes keep arriving.
        var victim = Enumerable.Range(0, 3).Single(i => HostsSession(cluster, i, subscribers[0].Client));
        var survivorGrains = cluster.GrainsOf((victim + 1) % 3);
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: killing silo {victim}");
        await cluster.Cluster.KillSiloAsync(cluster.Silo(victim));
        output.WriteLine($"{clock.ElapsedMilliseconds} ms: killed");
        await using (var writer = await CoordinationClient.ConnectAsync(survivorGrains, SubscriberOptions))
        {
            await Eventually.TrueAsync(async () =>
            {
                try
                {
                    await writer.SetDataAsync($"{root}/Db/ConnectionString", ConfigurationTests.Bytes("Host=three"));
                    return true;
                }
                catch (CoordinationException ex) when (ex is ConnectionLossException || ex.Code == Model.ResultCode.OperationTimeout)
                {
                    return false;
                }
            }, Patience, "the write went through after the silo died");
            output.WriteLine($"{clock.ElapsedMilliseconds} ms: written");
        }

        foreach (var subscriber in subscribers)
        {
            Assert.Equal("Host=three", await subscriber.NextChangeAsync(Patience));
            Assert.Equal(SessionState.Connected, subscriber.Client.State);
        }

        Assert.Contains(Enumerable.Range(0, cluster.Cluster.Silos.Count), i => HostsSession(cluster, i, subscribers[0].Client));

        foreach (var subscriber in subscribers)
        {
            await subscriber.DisposeAsync();
        }
    }

    private static bool HostsSession(CoordinationCluster cluster, int silo, CoordinationClient client) =>
        cluster.Silo(silo).ServiceProvider.GetRequiredService<Front.SessionHub>().RecentlyActive(0).Contains(client.SessionId.Value);

    private sealed class DbOptions
    {
        public string? ConnectionString { get; set; }
    }

    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly System.Threading.Channels.Channel<string?> _changes = System.Threading.Channels.Channel.CreateUnbounded<string?>();
        private readonly ServiceProvider _services;
        private readonly IDisposable? _listener;

        private Subscriber(CoordinationClient client, ServiceProvider services)
        {
            Client = client;
            _services = services;
            Monitor = services.GetRequiredService<IOptionsMonitor<DbOptions>>();
            _listener = Monitor.OnChange(o => _changes.Writer.TryWrite(o.ConnectionString));
        }

        public CoordinationClient Client { get; }

        public IOptionsMonitor<DbOptions> Monitor { get; }

        public static Task<Subscriber> StartAsync(CoordinationClient client, string root)
        {
            var configuration = new ConfigurationBuilder().AddCoordination(client, root).Build();
            var services = new ServiceCollection();
            services.Configure<DbOptions>(configuration.GetSection("Db"));
            return Task.FromResult(new Subscriber(client, services.BuildServiceProvider()));
        }

        /// <summary>The value OnChange reported next (the provider reloads only when a value changed, so a reconnect adds none).</summary>
        public async Task<string?> NextChangeAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            return await _changes.Reader.ReadAsync(cancel.Token);
        }

        public async ValueTask DisposeAsync()
        {
            _listener?.Dispose();
            await _services.DisposeAsync();
            await Client.DisposeAsync();
        }
    }
}
