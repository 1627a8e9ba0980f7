using CoordinationService.Bench.Workloads;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;

namespace CoordinationService.Bench.Zk;

/// <summary>The bench's calls as ZooKeeper requests on one <see cref="ZkConnection"/>; a non-zero err throws.</summary>
public sealed class ZkSession(ZkConnection connection) : IRecipeSession
{
    /// <summary>ZooDefs.Ids.OPEN_ACL_UNSAFE: what a plain client creates with, so no server spends time on ACL checks beyond world:anyone.</summary>
    private static readonly IReadOnlyList<AclEntry> OpenAcl = [new AclEntry(Permissions.All, "world", "anyone")];

    /// <summary>KeeperException.Code.NONODE.</summary>
    private const int NoNode = -101;

    public ZkConnection Connection { get; } = connection;

    // The cancellation tokens are not passed on: a pipelined request cannot be taken back once queued,
    // and the bench bounds every run by time, closing the connection fails whatever is left.
    public Task CreateAsync(string path, byte[] data, CancellationToken ct = default) =>
        Expect("create", path, Connection.SendAsync(OpCode.Create, new CreateRequest(path, data, OpenAcl, 0)));

    public Task GetDataAsync(string path, CancellationToken ct = default) =>
        Expect("getData", path, Connection.SendAsync(OpCode.GetData, new PathWatchRequest(path, false)));

    public Task SetDataAsync(string path, byte[] data, CancellationToken ct = default) =>
        Expect("setData", path, Connection.SendAsync(OpCode.SetData, new SetDataRequest(path, data, -1)));

    public Task DeleteAsync(string path, CancellationToken ct = default) =>
        Expect("delete", path, Connection.SendAsync(OpCode.Delete, new DeleteRequest(path, -1)));

    public async Task<IReadOnlyList<string>> GetChildrenAsync(string path, CancellationToken ct = default)
    {
        var reply = await Expect("getChildren", path, Connection.SendAsync(OpCode.GetChildren, new PathWatchRequest(path, false), keepReplyBody: true))
            .ConfigureAwait(false);
        return JuteCodec.Read<StringListResponse>(reply.Body.AsSpan()).Items ?? [];
    }

    public async Task<string> CreateEphemeralAsync(string path, bool sequential, CancellationToken ct = default)
    {
        var mode = sequential ? CreateMode.EphemeralSequential : CreateMode.Ephemeral;
        var reply = await Expect("create", path, Connection.SendAsync(OpCode.Create, new CreateRequest(path, [], OpenAcl, (int)mode), keepReplyBody: true))
            .ConfigureAwait(false);
        return JuteCodec.Read<PathResponse>(reply.Body.AsSpan()).Path;
    }

    public async Task<Task> WatchDataAsync(string path, CancellationToken ct = default)
    {
        var waiter = Connection.Watches.Add(path);
        try
        {
            await Expect("getData", path, Connection.SendAsync(OpCode.GetData, new PathWatchRequest(path, true))).ConfigureAwait(false);
        }
        catch
        {
            Connection.Watches.Remove(path, waiter);
            throw;
        }

        return waiter.Task;
    }

    public async Task<Task?> WatchExistsAsync(string path, CancellationToken ct = default)
    {
        var waiter = Connection.Watches.Add(path);
        var reply = await Connection.SendAsync(OpCode.Exists, new PathWatchRequest(path, true)).ConfigureAwait(false);
        if (reply.Err == 0)
        {
            return waiter.Task;
        }

        // NoNode leaves a creation watch on the server; nobody recreates a sequential name, so it never fires.
        Connection.Watches.Remove(path, waiter);
        return reply.Err == NoNode ? null : throw new ZkErrorException("exists", path, reply.Err);
    }

    /// <summary>Reply bodies of the measured calls are not decoded: the bench measures the server, and
    /// the reply has been read off the socket whole by then.</summary>
    private static async Task<ZkReply> Expect(string operation, string path, Task<ZkReply> pending)
    {
        var reply = await pending.ConfigureAwait(false);
        return reply.Err == 0 ? reply : throw new ZkErrorException(operation, path, reply.Err);
    }
}
