using Microsoft.Extensions.Configuration;

namespace CoordinationService.Client.Configuration;

/// <summary>
/// Configuration from a znode subtree: node <c>{RootPath}/Db/ConnectionString</c> holding UTF-8 text
/// becomes key <c>Db:ConnectionString</c>. Values follow the tree (a reload, so <c>IOptionsMonitor</c>
/// listeners fire), survive the session moving between silos, and start from a local cache file of the
/// last values read when the service cannot be reached at start.
/// </summary>
public sealed class CoordinationConfigurationSource : IConfigurationSource
{
    /// <summary>The subtree to map; its own data is not a key. Default "/config".</summary>
    public string RootPath { get; set; } = "/config";

    /// <summary>How the provider gets its session; called again (after a pause) if the session ends.</summary>
    public Func<CancellationToken, Task<CoordinationClient>>? ClientFactory { get; set; }

    /// <summary>Where the last values read are kept (JSON); unset: no cache.</summary>
    public string? CacheFile { get; set; }

    /// <summary>How long building the configuration waits for the live values before it falls back to the
    /// cache. Zero: do not wait (the live values arrive as a reload). Default 10 s.</summary>
    public TimeSpan InitialLoadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>When false (the default), building the configuration fails if, within
    /// <see cref="InitialLoadTimeout"/>, neither the service nor the cache gave values.</summary>
    public bool Optional { get; set; }

    /// <summary>Follow changes of the tree. Default true.</summary>
    public bool ReloadOnChange { get; set; } = true;

    /// <summary>Told of failures the provider rides out (the service unreachable, the cache file unwritable).</summary>
    public Action<Exception>? OnError { get; set; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new CoordinationConfigurationProvider(this);
}
