using CoordinationService.Front;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoordinationService.Gateway;

/// <summary>One ZooKeeper client connection at a time, each its own <see cref="ZooKeeperConnection"/>.</summary>
public sealed class ZooKeeperConnectionHandler(
    SessionFrontDoor frontDoor,
    FourLetterWords words,
    GatewayStatistics statistics,
    IOptions<ZooKeeperGatewayOptions> options,
    ILogger<ZooKeeperConnection> logger) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) =>
        new ZooKeeperConnection(connection, frontDoor, words, statistics, options.Value, logger).RunAsync();
}
