using System.Text;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;

namespace CoordinationService.Tests.Faults;

/// <summary>Reads what the fault test's clients left in the tree, through the ZooKeeper protocol, after a sync.</summary>
internal sealed class FinalTreeReader(ZkWireSession session)
{
    private const int Window = 512;

    public async Task SyncAsync()
    {
        Expect(await session.CallAsync(OpCode.Sync, new PathRequest("/")), "sync /");
    }

    public async Task<IReadOnlyList<FinalNode>> NodesUnderAsync(string parent)
    {
        var names = Expect(await session.CallAsync(OpCode.GetChildren, new PathWatchRequest(parent, false)), parent)
            .Read<StringListResponse>().Items ?? [];
        var nodes = new List<FinalNode>(names.Count);
        foreach (var chunk in names.Chunk(Window))
        {
            // Pipelined: a window of reads in flight at once.
            var replies = await Task.WhenAll(chunk.Select(n => session.CallAsync(OpCode.GetData, new PathWatchRequest($"{parent}/{n}", false))));
            for (var i = 0; i < chunk.Length; i++)
            {
                var data = Expect(replies[i], $"{parent}/{chunk[i]}").Read<GetDataResponse>();
                nodes.Add(new FinalNode(chunk[i], Encoding.UTF8.GetString(data.Data ?? []), data.Stat.Czxid));
            }
        }

        return nodes;
    }

    public async Task<FinalRegister> RegisterAsync(string path)
    {
        var data = Expect(await session.CallAsync(OpCode.GetData, new PathWatchRequest(path, false)), path).Read<GetDataResponse>();
        return new FinalRegister(Encoding.UTF8.GetString(data.Data ?? []), data.Stat.Version);
    }

    private static ZkWireReply Expect(ZkWireReply reply, string what) =>
        reply.Err == 0 ? reply : throw new InvalidOperationException($"reading {what} answered {(ResultCode)reply.Err}");
}
