using System.Text;
using CoordinationService.Client;
using CoordinationService.Model;
using CoordinationService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CoordinationService.Tests.SiloProcesses;

/// <summary>An application registering the client with AddCoordinationClient and talking to a real silo process.</summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task AddCoordinationClientGivesAWorkingSessionWhenTheHostStarts()
    {
        using var directory = new TempDirectory();
        var gatewayPort = FreePort.Next();
        await using var silo = await SiloProcess.StartAsync(directory.Path, FreePort.Next(), gatewayPort);

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCoordinationClient(o =>
        {
            o.GatewayPort = gatewayPort;
            o.SessionTimeout = TimeSpan.FromSeconds(8);
        });
        using var app = builder.Build();
        await app.StartAsync();
        try
        {
            var client = app.Services.GetRequiredService<CoordinationClient>();
            Assert.Equal(SessionState.Connected, client.State);
            var path = await client.CreateAsync("/from-di", Encoding.UTF8.GetBytes("ok"), CreateMode.Ephemeral);
            var node = await client.GetDataAsync(path);
            Assert.Equal("ok", Encoding.UTF8.GetString(node.Data));
            Assert.Equal(client.SessionId.Value, node.Stat.EphemeralOwner);
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
