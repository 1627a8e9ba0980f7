using Microsoft.Extensions.DependencyInjection;

namespace CoordinationService.Client.Hosting;

/// <summary>The application's session for the recipes' DI integrations: the one <c>AddCoordinationClient</c>
/// opens when the host starts, or a <see cref="CoordinationClient"/> the application registered itself.</summary>
internal static class CoordinationClientResolution
{
    public static Func<CancellationToken, Task<CoordinationClient>> From(IServiceProvider services) =>
        services.GetService<CoordinationClientHost>() is { } host
            ? host.GetClientAsync
            : _ => Task.FromResult(services.GetRequiredService<CoordinationClient>());

    /// <summary>Hosted services that need the session must start after the one that opens it.</summary>
    public static void RequireClientRegistered(IServiceCollection services, string caller)
    {
        if (!services.Any(d => d.ServiceType == typeof(CoordinationClientHost) || d.ServiceType == typeof(CoordinationClient)))
        {
            throw new InvalidOperationException(
                $"{caller} needs the coordination client: call AddCoordinationClient (or register a CoordinationClient) first.");
        }
    }
}
