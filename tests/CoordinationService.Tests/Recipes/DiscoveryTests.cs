using System.Text;
using System.Text.Json;
using CoordinationService.Client;
using CoordinationService.Client.Discovery;
using CoordinationService.Tests.Cluster;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationService.Tests.Recipes;

/// <summary>Service discovery through the .NET client against real in-process silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DiscoveryTests(OneSiloRecipeCluster fixture) : IClassFixture<OneSiloRecipeCluster>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RegisteredInstancesAreListedAndWatchersSeeEveryChangeOfMembership()
    {
        var options = new ServiceRegistryOptions { BasePath = RecipeCluster.NewRoot("services") };
        var a = new ServiceInstance("a", "10.0.0.1", 8080, new Dictionary<string, string> { ["zone"] = "west" });
        var b = new ServiceInstance("b", "orders-b.internal", 8081);
        var watcherRegistry = new ServiceRegistry(await fixture.ConnectAsync(), options);
        using var stop = new CancellationTokenSource(Patience * 2);
        var seen = new List<IReadOnlyList<ServiceInstance>>();
        var watching = Task.Run(async () =>
        {
            await foreach (var instances in watcherRegistry.WatchAsync("orders", stop.Token))
            {
                lock (seen)
                {
                    seen.Add(instances);
                }
            }
        });
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(seen).Count == 1), Patience, "the watcher saw no instance");

        var aClient = await fixture.ConnectAsync();
        var aRegistration = await new ServiceRegistry(aClient, options).RegisterAsync("orders", a);
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(seen).Count == 2), Patience, "the watcher saw a");
        var bClient = await fixture.ConnectAsync();
        await new ServiceRegistry(bClient, options).RegisterAsync("orders", b);
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(seen).Count == 3), Patience, "the watcher saw b");

        Assert.Equal([a, b], await watcherRegistry.GetInstancesAsync("orders"));
        Assert.Equal(["orders"], await watcherRegistry.GetServicesAsync());
        var stored = JsonDocument.Parse((await aClient.GetDataAsync(aRegistration.Path)).Data).RootElement;
        Assert.Equal("a", stored.GetProperty("id").GetString());
        Assert.Equal("10.0.0.1", stored.GetProperty("address").GetString());
        Assert.Equal(8080, stored.GetProperty("port").GetInt32());
        Assert.Equal("west", stored.GetProperty("metadata").GetProperty("zone").GetString());

        await aRegistration.DisposeAsync();
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(seen).Count == 4), Patience, "the watcher saw a leave");
        await bClient.CloseAsync();
        await Eventually.TrueAsync(() => Task.FromResult(Snapshot(seen).Count == 5), Patience, "the watcher saw b's session end");

        stop.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        Assert.Equal<IEnumerable<ServiceInstance>[]>([[], [a], [a, b], [b], []], [.. Snapshot(seen)]);
    }

    [Fact]
    public async Task ARegistrationWithTheSameIdReplacesAStaleOneWhoseOwnerIsToldItIsGone()
    {
        var options = new ServiceRegistryOptions { BasePath = RecipeCluster.NewRoot("services") };
        var old = await new ServiceRegistry(await fixture.ConnectAsync(), options).RegisterAsync("billing", new ServiceInstance("i-1", "127.0.0.1", 1000));
        var lost = new TaskCompletionSource();
        old.LostToken.Register(lost.SetResult);

        var fresh = new ServiceInstance("i-1", "127.0.0.1", 2000);
        var replacement = await new ServiceRegistry(await fixture.ConnectAsync(), options).RegisterAsync("billing", fresh);

        await lost.Task.WaitAsync(Patience);
        Assert.Equal("its node was deleted", old.LostReason);
        Assert.Null(replacement.LostReason);
        Assert.Equal([fresh], await new ServiceRegistry(await fixture.ConnectAsync(), options).GetInstancesAsync("billing"));
    }

    [Fact]
    public async Task AnHttpClientForHttpOrdersReachesTheRegisteredListenerAndFollowsItsReplacement()
    {
        var options = new ServiceRegistryOptions { BasePath = RecipeCluster.NewRoot("services") };
        await using var first = new LocalHttpServer("first");
        await using var second = new LocalHttpServer("second");
        var registry = new ServiceRegistry(await fixture.ConnectAsync(), options);
        var firstRegistration = await registry.RegisterAsync("orders", new ServiceInstance("first", "127.0.0.1", first.Port));

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(await fixture.ConnectAsync());
        services.AddCoordinationServiceEndpointProvider(o => o.BasePath = options.BasePath);
        services.AddHttpClient("orders", c => c.BaseAddress = new Uri("http://orders")).AddServiceDiscovery();
        await using var provider = services.BuildServiceProvider();
        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("orders");

        Assert.Equal("first /status", await http.GetStringAsync("/status"));

        await registry.RegisterAsync("orders", new ServiceInstance("second", "127.0.0.1", second.Port));
        await firstRegistration.DisposeAsync();
        await Eventually.TrueAsync(async () => await http.GetStringAsync("/status") == "second /status", Patience, "requests went to the replacement");
        var before = first.Requests;
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("second /status", await http.GetStringAsync("/status"));
        }

        Assert.Equal(before, first.Requests);
    }

    private static List<IReadOnlyList<ServiceInstance>> Snapshot(List<IReadOnlyList<ServiceInstance>> seen)
    {
        lock (seen)
        {
            return [.. seen];
        }
    }
}
