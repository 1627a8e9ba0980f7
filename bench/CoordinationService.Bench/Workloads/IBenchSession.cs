namespace CoordinationService.Bench.Workloads;

/// <summary>
/// The few calls the workloads and the node set make, so the same workloads, driver and tables serve
/// both ways in: the .NET client (<see cref="OrleansSession"/>) and the ZooKeeper wire protocol
/// (<see cref="Zk.ZkSession"/>). Every call throws when the server answers with an error.
/// </summary>
public interface IBenchSession
{
    Task CreateAsync(string path, byte[] data, CancellationToken ct = default);

    Task GetDataAsync(string path, CancellationToken ct = default);

    Task SetDataAsync(string path, byte[] data, CancellationToken ct = default);

    Task DeleteAsync(string path, CancellationToken ct = default);

    Task<IReadOnlyList<string>> GetChildrenAsync(string path, CancellationToken ct = default);
}
