using System.Text;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;

namespace CoordinationService.Client.Configuration;

/// <summary>Reads a subtree as configuration keys: path segments below the root joined with ':'.</summary>
internal static class ConfigurationTreeReader
{
    public static async Task<Dictionary<string, string?>> ReadAsync(CoordinationClient client, string root, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        await ReadChildrenAsync(client, root, prefix: null, values, cancellationToken).ConfigureAwait(false);
        return values;
    }

    private static async Task ReadChildrenAsync(
        CoordinationClient client, string path, string? prefix, Dictionary<string, string?> values, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> names;
        try
        {
            names = (await client.GetChildrenAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false)).Names;
        }
        catch (NoNodeException)
        {
            return;
        }

        // One level at a time, its reads together: the client sends them in one batch.
        var nodes = await Task.WhenAll(names.Select(name => ReadNodeAsync(client, ZNodePaths.Join(path, name), cancellationToken))).ConfigureAwait(false);
        var deeper = new List<Task>();
        for (var i = 0; i < names.Count; i++)
        {
            if (nodes[i] is not { } node)
            {
                continue;
            }

            var key = prefix is null ? names[i] : prefix + ConfigurationPathSeparator + names[i];
            // A node with children and no data is only a section; a leaf is a value, even an empty one.
            if (node.Data.Length > 0 || node.Stat.NumChildren == 0)
            {
                lock (values)
                {
                    values[key] = Encoding.UTF8.GetString(node.Data);
                }
            }

            if (node.Stat.NumChildren > 0)
            {
                deeper.Add(ReadChildrenAsync(client, ZNodePaths.Join(path, names[i]), key, values, cancellationToken));
            }
        }

        await Task.WhenAll(deeper).ConfigureAwait(false);
    }

    private static async Task<NodeData?> ReadNodeAsync(CoordinationClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetDataAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (NoNodeException)
        {
            // Deleted between the listing and the read; the watch brings the next read.
            return null;
        }
    }

    private const string ConfigurationPathSeparator = ":";
}
