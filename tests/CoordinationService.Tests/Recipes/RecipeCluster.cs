using CoordinationService.Client;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Recipes;

/// <summary>In-process silos shared by one recipe test class; every test works under a root path of its own.</summary>
public abstract class RecipeCluster(short silos) : IAsyncLifetime
{
    public static readonly CoordinationClientOptions Options = new() { SessionTimeout = TimeSpan.FromSeconds(4) };

    private readonly List<CoordinationClient> _clients = [];

    public CoordinationCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await CoordinationCluster.StartAsync(silos);

    /// <summary>A new session through silo <paramref name="silo"/>, closed with the fixture if the test leaves it open.</summary>
    public async Task<CoordinationClient> ConnectAsync(int silo = 0)
    {
        var client = await CoordinationClient.ConnectAsync(Cluster.GrainsOf(silo), Options);
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    public static string NewRoot(string what) => $"/{what}-{Guid.NewGuid():N}";

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            await client.DisposeAsync();
        }

        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }
    }
}

public sealed class OneSiloRecipeCluster() : RecipeCluster(1);

public sealed class ThreeSiloRecipeCluster() : RecipeCluster(3);
