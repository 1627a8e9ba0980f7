using CoordinationService.Errors;
using CoordinationService.Model;
using Polly;

namespace CoordinationService.Client.Resilience;

/// <summary>Writes whose result does not depend on how often they ran, so a connection loss is simply retried.</summary>
public static class IdempotentWriteExtensions
{
    /// <summary>Creates <paramref name="path"/> and its missing ancestors as empty persistent nodes; nodes already there are kept as they are.</summary>
    public static async Task EnsurePathAsync(
        this CoordinationClient client, string path, ResiliencePipeline? retry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        retry ??= CoordinationRetry.Default;
        if (await retry.ExecuteAsync(
                async token => await client.ExistsAsync(path, cancellationToken: token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        foreach (var node in ZNodePaths.SelfAndAncestors(path))
        {
            await retry.ExecuteAsync(
                async token =>
                {
                    try
                    {
                        await client.CreateAsync(node, [], CreateMode.Persistent, cancellationToken: token).ConfigureAwait(false);
                    }
                    catch (NodeExistsException)
                    {
                        // Made by someone else, or by an attempt of ours whose reply was lost: either way it is there.
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the node if it exists (ZooKeeper's NoNode counts as done, as Curator's guaranteed delete).
    /// Returns false when no attempt found it; true when one deleted it or a lost reply leaves that unknown.</summary>
    public static async Task<bool> DeleteIfExistsAsync(
        this CoordinationClient client, string path, int version = -1, ResiliencePipeline? retry = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        retry ??= CoordinationRetry.Default;
        var attempts = 0;
        return await retry.ExecuteAsync(
            async token =>
            {
                attempts++;
                try
                {
                    await client.DeleteAsync(path, version, token).ConfigureAwait(false);
                    return true;
                }
                catch (NoNodeException)
                {
                    return attempts > 1;
                }
            },
            cancellationToken).ConfigureAwait(false);
    }
}
