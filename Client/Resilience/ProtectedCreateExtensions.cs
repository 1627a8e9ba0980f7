using CoordinationService.Model;
using CoordinationService.Results;
using Polly;

namespace CoordinationService.Client.Resilience;

public static class ProtectedCreateExtensions
{
    /// <summary>
    /// Creates a node in Curator's protection mode: the node is named <c>_c_&lt;guid&gt;-name</c>
    /// (plus the sequence suffix for a sequential mode), and a connection loss is retried through
    /// <paramref name="retry"/> (default <see cref="CoordinationRetry.Default"/>) by first looking for
    /// that guid among the parent's children. However often the reply is lost, exactly one node
    /// remains, and it is the one returned. Use <see cref="ProtectedNames.Unprotect"/> to read the
    /// caller's name back from it.
    /// </summary>
    public static Task<CreateResult> CreateProtectedAsync(
        this CoordinationClient client,
        string path,
        byte[] data,
        CreateMode mode = CreateMode.EphemeralSequential,
        IReadOnlyList<AclEntry>? acl = null,
        TimeSpan? ttl = null,
        ResiliencePipeline? retry = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(data);
        var (parent, name) = ZNodePaths.Split(path);
        var id = Guid.NewGuid();
        return ProtectedCreate.RunAsync(
            client, parent, ProtectedNames.Marker(id), ProtectedNames.Protect(id, name), data, mode, acl, ttl, retry, cancellationToken);
    }
}
