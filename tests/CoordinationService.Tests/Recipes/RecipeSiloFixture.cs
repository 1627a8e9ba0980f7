using CoordinationService.Client;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Recipes;

/// <summary>
/// One real silo process for the process-level recipe tests, with a 250 ms tick so that session expiry
/// is decided within a quarter second of the session timeout, and a session of the test's own through
/// its Orleans gateway.
/// </summary>
public sealed class RecipeSiloFixture : IAsyncLifetime
{
    /// <summary>What every process of these tests asks for (the silo allows 0.5–5 s with this tick).</summary>
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(4);

    private readonly TempDirectory _directory = new();
    private ExternalClient? _orleans;

    public SiloProcess Silo { get; private set; } = null!;

    public int GatewayPort { get; } = FreePort.Next();

    public string Hosts => $"127.0.0.1:{Silo.ZooKeeperPort}";

    public CoordinationClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(
            _directory.Path, FreePort.Next(), GatewayPort, new Dictionary<string, string> { ["Coordination__TickTimeMs"] = "250" });
        _orleans = await ExternalClient.ConnectAsync(GatewayPort);
        Client = await CoordinationClient.ConnectAsync(_orleans.Client, new CoordinationClientOptions { SessionTimeout = TimeSpan.FromSeconds(10) });
    }

    public async Task DisposeAsync()
    {
        if (Client is not null)
        {
            await Client.DisposeAsync();
        }

        if (_orleans is not null)
        {
            await _orleans.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        _directory.Dispose();
    }
}
