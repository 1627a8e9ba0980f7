using CoordinationService.Bench.Zk;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;

namespace CoordinationService.Bench.Locks;

/// <summary>
/// The ZooKeeper lock recipe as a ZooKeeper client runs it when the lock is free: create an
/// ephemeral-sequential contender (kazoo's name), list the children to see that it is first, delete
/// it to release — three round trips, each waiting for the one before.
/// </summary>
public sealed class ZooKeeperLockRecipe(ZkConnection connection, string lockPath)
{
    private const int EphemeralSequential = 3;
    private static readonly IReadOnlyList<AclEntry> OpenAcl = [AclEntry.WorldAnyoneAll];

    public async Task AcquireAndReleaseAsync()
    {
        var prefix = $"{lockPath}/{Guid.NewGuid():N}__lock__";
        var created = await Expect("create", connection.SendAsync(OpCode.Create, new CreateRequest(prefix, [], OpenAcl, EphemeralSequential), keepReplyBody: true))
            .ConfigureAwait(false);
        var node = JuteCodec.Read<PathResponse>(created.Body.AsSpan()).Path;
        var children = await Expect("getChildren", connection.SendAsync(OpCode.GetChildren, new PathWatchRequest(lockPath, false), keepReplyBody: true))
            .ConfigureAwait(false);
        var names = JuteCodec.Read<StringListResponse>(children.Body.AsSpan()).Items ?? [];
        var mine = node[(lockPath.Length + 1)..];
        if (names.Any(n => string.CompareOrdinal(n[^10..], mine[^10..]) < 0))
        {
            throw new InvalidOperationException($"{lockPath} was not free: {string.Join(", ", names)}");
        }

        await Expect("delete", connection.SendAsync(OpCode.Delete, new DeleteRequest(node, -1))).ConfigureAwait(false);
    }

    private static async Task<ZkReply> Expect(string operation, Task<ZkReply> pending)
    {
        var reply = await pending.ConfigureAwait(false);
        return reply.Err == 0 ? reply : throw new ZkErrorException(operation, "lock", reply.Err);
    }
}
