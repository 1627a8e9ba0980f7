using CoordinationService.Client;
using CoordinationService.Client.Configuration;

namespace Microsoft.Extensions.Configuration;

public static class CoordinationConfigurationBuilderExtensions
{
    /// <summary>Adds the subtree at <paramref name="rootPath"/> read through an open session.</summary>
    public static IConfigurationBuilder AddCoordination(
        this IConfigurationBuilder builder, CoordinationClient client, string rootPath, Action<CoordinationConfigurationSource>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        return builder.AddCoordination(_ => Task.FromResult(client), rootPath, configure);
    }

    /// <summary>Adds the subtree at <paramref name="rootPath"/>, read through the session <paramref name="clientFactory"/> gives.</summary>
    public static IConfigurationBuilder AddCoordination(
        this IConfigurationBuilder builder,
        Func<CancellationToken, Task<CoordinationClient>> clientFactory,
        string rootPath,
        Action<CoordinationConfigurationSource>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(clientFactory);
        var source = new CoordinationConfigurationSource { RootPath = rootPath, ClientFactory = clientFactory };
        configure?.Invoke(source);
        return builder.Add(source);
    }
}
