using System.Net;
using CoordinationService.Gateway;
using CoordinationService.Hosting;
using CoordinationService.Log.Postgres;
using CoordinationService.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

// appsettings.json ships beside the program; the data directory stays relative to where the user runs it.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
var hostOptions = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
var problems = hostOptions.Validate().ToList();
if (problems.Count > 0)
{
    Console.Error.WriteLine("Invalid configuration:");
    problems.ForEach(p => Console.Error.WriteLine("  " + p));
    return 2;
}

builder.Services.Configure<CoordinationOptions>(builder.Configuration.GetSection(CoordinationOptions.SectionName));
builder.Services.Configure<ZooKeeperGatewayOptions>(builder.Configuration.GetSection(ZooKeeperGatewayOptions.SectionName));
// A PostgresLog section moves the log and snapshots from the SQLite file into that database.
var postgresLog = builder.Configuration.GetSection(PostgresTransactionLogOptions.SectionName);
builder.Services.Configure<PostgresTransactionLogOptions>(postgresLog);
var primary = hostOptions.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, hostOptions.PrimarySiloPort) : null;
builder.UseOrleans(silo =>
{
    silo.UseLocalhostClustering(hostOptions.SiloPort, hostOptions.GatewayPort, primary, hostOptions.ServiceId, hostOptions.ClusterId)
        .AddCoordinationService()
        .AddZooKeeperGateway();
    if (postgresLog.Exists())
    {
        silo.AddPostgresTransactionLog();
    }
});

using var host = builder.Build();
try
{
    await host.StartAsync();
}
catch (OptionsValidationException invalid)
{
    Console.Error.WriteLine("Invalid configuration:");
    foreach (var failure in invalid.Failures)
    {
        Console.Error.WriteLine("  " + failure);
    }

    return 2;
}

var coordination = host.Services.GetRequiredService<IOptions<CoordinationOptions>>().Value;
var zooKeeper = host.Services.GetRequiredService<IOptions<ZooKeeperGatewayOptions>>().Value;
var zooKeeperEndpoint = zooKeeper.Enabled ? $"ZooKeeper clients {zooKeeper.BindAddress}:{zooKeeper.Port}, " : string.Empty;
Console.WriteLine($"CoordinationService silo ready: {zooKeeperEndpoint}Orleans gateway 127.0.0.1:{hostOptions.GatewayPort}, " +
    $"silo port {hostOptions.SiloPort}, " + (postgresLog.Exists() ? "log in PostgreSQL" : $"data in {Path.GetFullPath(coordination.DataDirectory)}"));
await host.WaitForShutdownAsync();
return 0;
