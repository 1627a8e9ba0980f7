using CoordinationService.Client;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Cli;

/// <summary>
/// One silo process for the whole CLI test class (containers and TTL nodes reaped every 100 ms, so
/// their kinds can be observed), and a .NET session of the test's own to arrange and check the tree.
/// </summary>
public sealed class CoordCliFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SiloProcess? _silo;
    private ExternalClient? _orleans;
    private CoordinationClient? _client;

    public int GatewayPort { get; } = FreePort.Next();

    public CoordinationClient Client => _client ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        _silo = await SiloProcess.StartAsync(
            _directory.Path,
            FreePort.Next(),
            GatewayPort,
            new Dictionary<string, string> { ["Coordination__ContainerCheckIntervalMs"] = "100" });
        _orleans = await ExternalClient.ConnectAsync(GatewayPort);
        _client = await CoordinationClient.ConnectAsync(_orleans.Client, new CoordinationClientOptions());
    }

    /// <summary>coord with this silo's gateway and <paramref name="arguments"/>.</summary>
    internal Task<CoordResult> RunAsync(params string[] arguments) => CoordTool.RunAsync(WithGateway(arguments));

    internal Task<CoordResult> RunWithInputAsync(byte[] input, params string[] arguments) => CoordTool.RunAsync(WithGateway(arguments), input);

    internal CoordProcess Start(params string[] arguments) => CoordProcess.Start(WithGateway(arguments));

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }

        if (_orleans is not null)
        {
            await _orleans.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        _directory.Dispose();
    }

    // --timeout counts from the start of the process, JIT included: generous for a loaded machine.
    private string[] WithGateway(string[] arguments) => ["--gateway", $"127.0.0.1:{GatewayPort}", "--timeout", "60s", .. arguments];
}
