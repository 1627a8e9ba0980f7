using CoordinationService.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CoordinationService.Gateway;

public static class ZooKeeperGatewayExtensions
{
    /// <summary>
    /// Lets ZooKeeper clients in: this silo listens on <see cref="ZooKeeperGatewayOptions.Port"/> for
    /// the ZooKeeper wire protocol and four-letter words. Safe to call more than once.
    /// </summary>
    public static ISiloBuilder AddZooKeeperGateway(this ISiloBuilder builder, Action<ZooKeeperGatewayOptions>? configure = null)
    {
        var services = builder.Services;
        services.AddConfiguredOptions(configure)
            .Validate(o => o.Port is > 0 and < 65536, "ZooKeeper:Port must be a TCP port.")
            .Validate(o => System.Net.IPAddress.TryParse(o.BindAddress, out _), "ZooKeeper:BindAddress must be an IP address.")
            .Validate(o => o.MaxRequestBytes >= 1024, "ZooKeeper:MaxRequestBytes must be at least 1024.")
            .ValidateOnStart();
        services.TryAddSingleton<GatewayStatistics>();
        services.TryAddSingleton<FourLetterWords>();
        services.TryAddSingleton<ZooKeeperConnectionHandler>();
        services.TryAddSingleton<ZooKeeperGatewayListener>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, ZooKeeperGatewayListener>(
            sp => sp.GetRequiredService<ZooKeeperGatewayListener>()));
        return builder;
    }
}
