using CoordinationService.Errors;
using CoordinationService.Model;
using CoordinationService.Results;
using Polly;

namespace CoordinationService.Client.Resilience;

/// <summary>
/// A create whose node can be recognised after a connection loss: every attempt uses a name that
/// starts with a marker the client chose, so before trying again it looks among the parent's
/// children for a node with that marker — the earlier attempt may have succeeded with its reply
/// lost. A create that ends in doubt (retries exhausted, or the caller gave up) removes its node in
/// the background once the session answers again, so no orphan stays behind.
/// </summary>
internal static class ProtectedCreate
{
    public static async Task<CreateResult> RunAsync(
        CoordinationClient client,
        string parent,
        string marker,
        string nodeName,
        byte[] data,
        CreateMode mode,
        IReadOnlyList<AclEntry>? acl,
        TimeSpan? ttl,
        ResiliencePipeline? retry,
        CancellationToken cancellationToken)
    {
        retry ??= CoordinationRetry.Default;
        var path = ZNodePaths.Join(parent, nodeName);
        var attempts = 0;
        CreateResult created;
        try
        {
            created = await retry.ExecuteAsync(
                async token =>
                {
                    if (attempts++ > 0 && await FindAsync(client, parent, marker, token).ConfigureAwait(false) is { } earlier)
                    {
                        return earlier;
                    }

                    return await client.CreateWithStatAsync(path, data, mode, acl, ttl, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (attempts > 0 && (CoordinationRetry.IsTransient(ex) || ex is OperationCanceledException))
        {
            RemoveInBackground(client, parent, marker, keep: null);
            throw;
        }

        if (attempts > 1)
        {
            // An attempt whose reply was lost may still have been on its way when the next one was
            // sent: keep the node this call returns and remove any twin.
            await RemoveAsync(client, parent, marker, keep: created.Path, retry, cancellationToken).ConfigureAwait(false);
        }

        return created;
    }

    /// <summary>The node of this create, if an earlier attempt made it.</summary>
    public static async Task<CreateResult?> FindAsync(CoordinationClient client, string parent, string marker, CancellationToken cancellationToken)
    {
        foreach (var path in await MarkedAsync(client, parent, marker, cancellationToken).ConfigureAwait(false))
        {
            if (await client.ExistsAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false) is { } stat)
            {
                return new CreateResult(path, stat);
            }
        }

        return null;
    }

    private static async Task<IReadOnlyList<string>> MarkedAsync(CoordinationClient client, string parent, string marker, CancellationToken cancellationToken)
    {
        try
        {
            var children = await client.GetChildrenAsync(parent, cancellationToken: cancellationToken).ConfigureAwait(false);
            return [.. children.Names.Where(n => n.StartsWith(marker, StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(n => ZNodePaths.Join(parent, n))];
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    private static async Task RemoveAsync(
        CoordinationClient client, string parent, string marker, string? keep, ResiliencePipeline retry, CancellationToken cancellationToken)
    {
        var marked = await retry.ExecuteAsync(
            async token => await MarkedAsync(client, parent, marker, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        foreach (var path in marked.Where(p => p != keep))
        {
            await client.DeleteIfExistsAsync(path, retry: retry, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    private static void RemoveInBackground(CoordinationClient client, string parent, string marker, string? keep)
    {
        _ = Task.Run(async () =>
        {
            // Bounded: past twice the session timeout an ephemeral is gone anyway, and a session that
            // does not answer by then is expired.
            using var bound = new CancellationTokenSource(client.NegotiatedTimeout * 2 + TimeSpan.FromSeconds(1));
            try
            {
                await RemoveAsync(client, parent, marker, keep, CoordinationRetry.CreatePipeline(new CoordinationRetryOptions { MaxRetryAttempts = int.MaxValue }), bound.Token)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is CoordinationException or OperationCanceledException)
            {
                // Nobody awaits this clean-up: the session ended (its ephemerals went with it) or it stayed unreachable.
            }
        });
    }
}
