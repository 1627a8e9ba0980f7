using CoordinationService.Client;

namespace CoordinationService.Tests.Client.Fakes;

/// <summary>A client connected to a fresh fake coordinator.</summary>
internal sealed class ClientFixture : IAsyncDisposable
{
    private ClientFixture(FakeCoordinator coordinator, FakeGrainFactory grains, CoordinationClient client)
    {
        Coordinator = coordinator;
        Grains = grains;
        Client = client;
    }

    public FakeCoordinator Coordinator { get; }

    public FakeGrainFactory Grains { get; }

    public CoordinationClient Client { get; }

    /// <summary>Long enough that only a bug waits this long.</summary>
    public static TimeSpan Patience { get; } = TimeSpan.FromSeconds(10);

    public static async Task<ClientFixture> StartAsync(
        Action<FakeCoordinator>? setup = null, Action<CoordinationClientOptions>? configure = null)
    {
        var coordinator = new FakeCoordinator();
        setup?.Invoke(coordinator);
        var grains = new FakeGrainFactory(coordinator);
        var options = new CoordinationClientOptions { RequestTimeout = Patience, ReconnectBaseDelay = TimeSpan.FromMilliseconds(10) };
        configure?.Invoke(options);
        var client = await CoordinationClient.ConnectAsync(grains, options);
        return new ClientFixture(coordinator, grains, client);
    }

    public ValueTask DisposeAsync() => Client.DisposeAsync();
}
