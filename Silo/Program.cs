using System.Net;
using CoordinationService.Gateway;
using CoordinationService.Hosting;
using CoordinationService.Operations;
using CoordinationService.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

// The log store blocks a thread-pool thread for each flush; with the default minimum
// of one worker thread per core, a 2-core machine could be left with none for a moment, and the pool
// adds threads only about once a second. A few spare threads cost nothing.
ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
ThreadPool.SetMinThreads(Math.Max(minWorkers, 4 * Environment.ProcessorCount), minIo);

// appsettings.json ships beside the program; the data directory stays relative to where the user runs it.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
var hostOptions = builder.Configuration.GetSection(SiloHostOptions.SectionName).Get<SiloHostOptions>() ?? new SiloHostOptions();
var adminOptions = builder.Configuration.GetSection(AdminOptions.SectionName).Get<AdminOptions>() ?? new AdminOptions();
var problems = hostOptions.Validate().Concat(adminOptions.Problems()).ToList();
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
// Metrics, health and the web view on their own HTTP port (Admin:Port).
builder.AddCoordinationAdmin(adminOptions);
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
host.MapCoordinationAdmin();
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
    $"silo port {hostOptions.SiloPort}, admin http://{adminOptions.BindAddress}:{adminOptions.Port}/, " + (clusterMode ? "cluster mode, membership and log in PostgreSQL" : $"data in {Path.GetFullPath(coordination.DataDirectory)}"));
await host.WaitForShutdownAsync();
return 0;
