namespace CoordinationService.Bench.Workloads;

/// <summary>The pre-created nodes the read and write workloads pick from, under a root unique to this
/// invocation so it can run against a silo that already holds data.</summary>
public sealed class NodeSet
{
    private NodeSet(string root, string[] paths, byte[] data)
    {
        Root = root;
        Paths = paths;
        Data = data;
    }

    public string Root { get; }

    public IReadOnlyList<string> Paths { get; }

    public byte[] Data { get; }

    public static async Task<NodeSet> CreateAsync(IBenchSession session, int count, int dataBytes, CancellationToken ct)
    {
        var root = $"/bench-{DateTime.UtcNow:yyyyMMddHHmmss}-{Random.Shared.Next(0x10000):x4}";
        var data = new byte[dataBytes];
        Random.Shared.NextBytes(data);
        await session.CreateAsync(root, [], ct);
        await session.CreateAsync(root + "/nodes", [], ct);
        await session.CreateAsync(root + "/created", [], ct);
        var paths = Enumerable.Range(0, count).Select(i => $"{root}/nodes/n{i:D5}").ToArray();
        // Pipelined: the session batches whatever is queued, so this takes a few round trips, not 1,000.
        await Task.WhenAll(paths.Select(p => session.CreateAsync(p, data, ct)));
        return new NodeSet(root, paths, data);
    }

    public string Pick(Random random) => Paths[random.Next(Paths.Count)];
}
