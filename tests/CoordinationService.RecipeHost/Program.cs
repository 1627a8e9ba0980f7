using CoordinationService.Client.Discovery;
using CoordinationService.Client.Hosting;
using CoordinationService.RecipeHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var arguments = HostArguments.Parse(args);
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Services.AddCoordinationClient(o =>
{
    o.GatewayPort = arguments.GatewayPort;
    o.SessionTimeout = arguments.SessionTimeout;
});

switch (arguments.Command)
{
    case "elect":
        builder.Services.AddHostedService(sp => new PrintingLeader(
            sp.GetRequiredService<CoordinationClientHost>(), arguments.Get("path"), arguments.Get("id")));
        break;
    case "register":
        var metadata = arguments.Optional("zone") is { } zone ? new Dictionary<string, string> { ["zone"] = zone } : null;
        builder.Services.AddCoordinationServiceInstance(
            arguments.Get("service"),
            _ => new ServiceInstance(arguments.Get("id"), arguments.Get("address"), int.Parse(arguments.Get("port")), metadata),
            o => o.BasePath = arguments.Optional("base-path") ?? o.BasePath);
        break;
    default:
        throw new ArgumentException($"unknown command '{arguments.Command}'");
}

using var app = builder.Build();
await app.StartAsync();
var client = await app.Services.GetRequiredService<CoordinationClientHost>().GetClientAsync();
Console.WriteLine($"SESSION id=0x{client.SessionId.Value:x} timeout-ms={client.NegotiatedTimeout.TotalMilliseconds}");
if (arguments.Command == "register")
{
    Console.WriteLine($"REGISTERED id={arguments.Get("id")}");
}

await app.WaitForShutdownAsync();
