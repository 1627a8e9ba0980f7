using CoordinationService.Client;
using CoordinationService.Client.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CoordinationService.Tests.Client;

public sealed class AddCoordinationClientTests
{
    [Fact]
    public void RegisteringTwiceAddsOneSessionAndBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCoordinationClient(o => o.SessionTimeout = TimeSpan.FromSeconds(4));
        services.AddCoordinationClient(o => o.MaxBatchSize = 32);

        Assert.Single(services, d => d.ServiceType == typeof(CoordinationClientHost));
        Assert.Single(services, d => d.ServiceType == typeof(CoordinationClient));
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<CoordinationClientOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(4), options.SessionTimeout);
        Assert.Equal(32, options.MaxBatchSize);
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is CoordinationClientHost);
        Assert.NotNull(provider.GetService<IClusterClient>());
    }

    [Fact]
    public void InvalidOptionsAreRefused()
    {
        var result = new CoordinationClientOptionsValidator().Validate(null, new CoordinationClientOptions { MaxBatchSize = 0 });
        Assert.True(result.Failed);
    }
}
