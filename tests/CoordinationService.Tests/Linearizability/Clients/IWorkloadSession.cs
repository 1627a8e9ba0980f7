using CoordinationService.Model;

namespace CoordinationService.Tests.Linearizability.Clients;

/// <summary>
/// A ZooKeeper session as the workloads drive it, over the .NET client or the ZooKeeper wire protocol.
/// Every call answers a <see cref="Reply{T}"/> rather than throwing, so the workload records exactly
/// what the client learned.
/// </summary>
public interface IWorkloadSession : IAsyncDisposable
{
    /// <summary>"dotnet" or "zookeeper".</summary>
    string Client { get; }

    long SessionId { get; }

    /// <summary>The highest zxid this session has seen (what it would send when it reconnects).</summary>
    long LastZxidSeen { get; }

    /// <summary>True once the session is known to be over; every call then answers SessionExpired.</summary>
    bool IsEnded { get; }

    Task<Reply<NodeValue>> GetDataAsync(string path, CancellationToken cancellationToken);

    Task<Reply<Stat>> SetDataAsync(string path, byte[] data, int version, CancellationToken cancellationToken);

    Task<Reply<CreatedNode>> CreateAsync(string path, byte[] data, CreateMode mode, CancellationToken cancellationToken);

    Task<Reply<ChildList>> GetChildrenAsync(string path, CancellationToken cancellationToken);

    Task<Reply<bool>> SyncAsync(string path, CancellationToken cancellationToken);

    Task<Reply<bool>> DeleteAsync(string path, int version, CancellationToken cancellationToken);

    /// <summary>exists, with a one-shot watch whose firing completes <paramref name="changed"/> when one is given.</summary>
    Task<Reply<Stat?>> ExistsAsync(string path, TaskCompletionSource? changed, CancellationToken cancellationToken);

    /// <summary>Ends the session on the server (its ephemerals go).</summary>
    Task CloseAsync();
}
