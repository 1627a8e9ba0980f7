using System.Runtime.CompilerServices;
using CoordinationService.Client.Recipes;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;
using CoordinationService.Model;
using Polly;

namespace CoordinationService.Client.Discovery;

/// <summary>
/// Service discovery, as Curator's ServiceDiscovery: each instance is an ephemeral node under its
/// service's node, so it disappears when its process dies (once the session expires); clients list or
/// watch a service's instances.
/// </summary>
public sealed class ServiceRegistry
{
    private readonly CoordinationClient _client;
    private readonly ServiceRegistryOptions _options;
    private readonly ResiliencePipeline _retry;

    public ServiceRegistry(CoordinationClient client, ServiceRegistryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _options = options ?? new ServiceRegistryOptions();
        if (PathValidation.Validate(_options.BasePath) is { } invalid)
        {
            throw new ArgumentException($"BasePath '{_options.BasePath}': {invalid}", nameof(options));
        }

        _retry = _options.Retry ?? CoordinationRetry.Default;
    }

    /// <summary>
    /// Registers <paramref name="instance"/> under <paramref name="serviceName"/>. A registration with the
    /// same id left by an earlier process whose session has not expired yet is replaced, as Curator does.
    /// </summary>
    public async Task<ServiceRegistration> RegisterAsync(string serviceName, ServiceInstance instance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        instance.Validate();
        var servicePath = ServicePath(serviceName);
        await _client.EnsurePathAsync(servicePath, _retry, cancellationToken).ConfigureAwait(false);
        var path = ZNodePaths.Join(servicePath, instance.Id);
        var data = ServiceInstanceJson.Serialize(instance);
        await _retry.ExecuteAsync(async token => await CreateOwnedAsync(path, data, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

        var registration = new ServiceRegistration(_client, serviceName, path, instance, _retry);
        try
        {
            await registration.StartAsync(cancellationToken).ConfigureAwait(false);
            return registration;
        }
        catch
        {
            await registration.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The service's instances now, ordered by id (empty when none is registered).</summary>
    public Task<IReadOnlyList<ServiceInstance>> GetInstancesAsync(string serviceName, CancellationToken cancellationToken = default) =>
        InstanceReader.ReadAsync(_client, ServicePath(serviceName), changed: null, cancellationToken);

    /// <summary>The service's instances now, then the whole set again after every change, until cancelled.
    /// Ends with <see cref="SessionExpiredException"/> if the session ends.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ServiceInstance>> WatchAsync(
        string serviceName, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var servicePath = ServicePath(serviceName);
        using var session = new SessionEndListener(_client);
        IReadOnlyList<ServiceInstance>? last = null;
        while (true)
        {
            var changed = new WatchSignal();
            var current = await InstanceReader.ReadAsync(_client, servicePath, changed, cancellationToken).ConfigureAwait(false);
            if (last is null || !current.SequenceEqual(last))
            {
                last = current;
                yield return current;
            }

            await session.OrEndAsync(changed.Fired, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Names of the services that have (or had) instances.</summary>
    public async Task<IReadOnlyList<string>> GetServicesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return [.. (await _client.GetChildrenAsync(_options.BasePath, cancellationToken: cancellationToken).ConfigureAwait(false)).Names.Order(StringComparer.Ordinal)];
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    internal string ServicePath(string serviceName)
    {
        if (string.IsNullOrEmpty(serviceName) || serviceName.Contains('/', StringComparison.Ordinal) || serviceName is "." or "..")
        {
            throw new ArgumentException($"'{serviceName}' is not a valid service name: it becomes a node name", nameof(serviceName));
        }

        return ZNodePaths.Join(_options.BasePath, serviceName);
    }

    private async Task CreateOwnedAsync(string path, byte[] data, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                await _client.CreateAsync(path, data, CreateMode.Ephemeral, cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NodeExistsException)
            {
                var stat = await _client.ExistsAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (stat is null)
                {
                    continue;
                }

                if (stat.EphemeralOwner == _client.SessionId.Value)
                {
                    // Ours: an earlier attempt whose reply was lost, or a registration this session made before.
                    await _client.SetDataAsync(path, data, cancellationToken: cancellationToken).ConfigureAwait(false);
                    return;
                }

                try
                {
                    await _client.DeleteIfExistsAsync(path, stat.Version, _retry, cancellationToken).ConfigureAwait(false);
                }
                catch (BadVersionException)
                {
                    // Replaced meanwhile: look again.
                }
            }
        }
    }
}
