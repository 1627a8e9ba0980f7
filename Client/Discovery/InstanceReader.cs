using CoordinationService.Client.Recipes;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;

namespace CoordinationService.Client.Discovery;

/// <summary>Reads a service's instances; with a signal, also watches for the next change of membership.</summary>
internal static class InstanceReader
{
    public static async Task<IReadOnlyList<ServiceInstance>> ReadAsync(
        CoordinationClient client, string servicePath, WatchSignal? changed, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> names;
        try
        {
            names = (await client.GetChildrenAsync(servicePath, changed?.Watcher, cancellationToken).ConfigureAwait(false)).Names;
        }
        catch (NoNodeException)
        {
            // No instance ever registered: wait for the service's node to appear.
            if (changed is not null && await client.ExistsAsync(servicePath, changed.Watcher, cancellationToken).ConfigureAwait(false) is not null)
            {
                changed.Fire();
            }

            return [];
        }

        // Read together: the client sends them in one batch. An instance's data is written once, when
        // it registers, so membership (the children watch) is all that can change.
        var instances = await Task.WhenAll(names.Select(name => ReadOneAsync(client, servicePath, name, cancellationToken))).ConfigureAwait(false);
        return [.. instances.OfType<ServiceInstance>().OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    private static async Task<ServiceInstance?> ReadOneAsync(CoordinationClient client, string servicePath, string name, CancellationToken cancellationToken)
    {
        try
        {
            var node = await client.GetDataAsync(ZNodePaths.Join(servicePath, name), cancellationToken: cancellationToken).ConfigureAwait(false);
            return ServiceInstanceJson.TryParse(name, node.Data);
        }
        catch (NoNodeException)
        {
            // Gone between the listing and the read; the children watch has fired for it.
            return null;
        }
    }
}
