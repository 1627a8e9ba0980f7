using CoordinationService.Client.Configuration;
using CoordinationService.Client.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

public static class CoordinationConfigurationHostBuilderExtensions
{
    /// <summary>
    /// Adds the subtree at <paramref name="rootPath"/> to the application's configuration, read through the
    /// session of <c>AddCoordinationClient</c>. Configuration is built before the host opens that session,
    /// so the values start from the cache file (set <see cref="CoordinationConfigurationSource.CacheFile"/>)
    /// and the service's values arrive as a reload once the host has started — <c>IOptionsMonitor</c>
    /// listeners see it as a change.
    /// </summary>
    public static IHostApplicationBuilder AddCoordinationConfiguration(
        this IHostApplicationBuilder builder, string rootPath, Action<CoordinationConfigurationSource>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var deferred = new DeferredCoordinationClient();
        builder.Configuration.AddCoordination(deferred.GetAsync, rootPath, source =>
        {
            source.InitialLoadTimeout = TimeSpan.Zero;
            configure?.Invoke(source);
        });
        builder.Services.AddSingleton<IHostedService>(sp => new DeferredCoordinationClientActivator(sp, deferred));
        return builder;
    }
}
