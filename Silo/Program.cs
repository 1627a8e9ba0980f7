using System.Net;
using CoordinationService.Gateway;
using CoordinationService.Hosting;
using CoordinationService.Silo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

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
// The one switch between the modes: with a connection string the silo joins a cluster whose
// membership and log both live in that PostgreSQL database; without one it is the embedded,
// self-contained default (localhost clustering, SQLite log in the data directory).
var connectionString = builder.Configuration["Coordination:ConnectionString"];
var clusterMode = !string.IsNullOrWhiteSpace(connectionString);
var primary = hostOptions.PrimarySiloPort > 0 ? new IPEndPoint(IPAddress.Loopback, hostOptions.PrimarySiloPort) : null;
builder.UseOrleans(silo =>
{
    if (clusterMode)
    {
        silo.UsePostgresClustering(connectionString!)
            .UseFastFailureDetection()
            .AddPostgresTransactionLog(o => o.ConnectionString = connectionString!)
            .AddPostgresGrainState(connectionString!)
            .ConfigureEndpoints(hostOptions.ResolveAdvertisedAddress(), hostOptions.SiloPort, hostOptions.GatewayPort, hostOptions.ListenOnAnyAddress)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = hostOptions.ClusterId;
                o.ServiceId = hostOptions.ServiceId;
            });
    }
    else
    {
        silo.UseLocalhostClustering(hostOptions.SiloPort, hostOptions.GatewayPort, primary, hostOptions.ServiceId, hostOptions.ClusterId);
    }

    silo.AddCoordinationService()
        .AddZooKeeperGateway();
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
Console.WriteLine($"CoordinationService silo ready: {zooKeeperEndpoint}Orleans gateway {(clusterMode ? hostOptions.AdvertisedAddress : "127.0.0.1")}:{hostOptions.GatewayPort}, " +
    $"silo port {hostOptions.SiloPort}, " + (clusterMode ? "cluster mode, membership and log in PostgreSQL" : $"data in {Path.GetFullPath(coordination.DataDirectory)}"));
await host.WaitForShutdownAsync();
return 0;
