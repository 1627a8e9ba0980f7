using Polly;

namespace CoordinationService.Client.Discovery;

public sealed class ServiceRegistryOptions
{
    /// <summary>Where services live: instance <c>i</c> of service <c>s</c> is node <c>{BasePath}/s/i</c>. Default "/services".</summary>
    public string BasePath { get; set; } = "/services";

    /// <summary>Retry of the registry's writes after a connection loss; default <c>CoordinationRetry.Default</c>.</summary>
    public ResiliencePipeline? Retry { get; set; }
}
