using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Interop;

/// <summary>One real silo process on free ports with a data directory of its own, shared by a test class.</summary>
public sealed class SingleSiloFixture : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();

    public SiloProcess Silo { get; private set; } = null!;

    public int GatewayPort { get; } = FreePort.Next();

    public string Hosts => $"127.0.0.1:{Silo.ZooKeeperPort}";

    public async Task InitializeAsync() =>
        Silo = await SiloProcess.StartAsync(_directory.Path, FreePort.Next(), GatewayPort);

    public async Task DisposeAsync()
    {
        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }

        _directory.Dispose();
    }
}
