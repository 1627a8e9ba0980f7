namespace CoordinationService.Bench.Workloads;

/// <summary>
/// What the watch and lock-recipe workloads need beyond <see cref="IBenchSession"/>: ephemeral nodes and
/// one-shot watches whose firing can be awaited. The ZooKeeper-protocol session implements it, so the
/// same recipe runs against our silos and against Apache ZooKeeper.
/// </summary>
public interface IRecipeSession : IBenchSession
{
    /// <summary>Creates an ephemeral node (sequential: the server appends the counter) and returns its actual path.</summary>
    Task<string> CreateEphemeralAsync(string path, bool sequential, CancellationToken ct = default);

    /// <summary>getData with a watch; the returned task completes with the node's next change.</summary>
    Task<Task> WatchDataAsync(string path, CancellationToken ct = default);

    /// <summary>exists with a watch: null when the node does not exist (nothing to wait for), else a task
    /// that completes with the node's next change (its deletion, for a lock's predecessor).</summary>
    Task<Task?> WatchExistsAsync(string path, CancellationToken ct = default);
}
