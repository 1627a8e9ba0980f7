using CoordinationService.Grains;
using CoordinationService.Results;
using CoordinationService.Requests;
using CoordinationService.Model;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.SiloProcesses;

[Collection(Cluster.ClusterCollection.Name)]
public sealed class SiloRestartTests
{
    private const int Nodes = 200;

    [Fact]
    public async Task AcknowledgedWritesSurviveKillMinus9WithTheirStats()
    {
        using var directory = new TempDirectory();
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var settings = new Dictionary<string, string> { ["Coordination__SnapshotEveryTxns"] = "64" };

        var before = new Dictionary<string, Stat>();
        await using (var silo = await SiloProcess.StartAsync(directory.Path, siloPort, gatewayPort, settings))
        {
            await using var client = await ExternalClient.ConnectAsync(gatewayPort);
            var session = await RawSession.OpenAsync(client.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);
            for (var i = 0; i < Nodes; i += 10)
            {
                var batch = Enumerable.Range(i, 10).Select(n => (ClientRequest)Make.Create($"/n{n:D4}", $"value {n}")).ToArray();
                var replies = await session.ExecuteAsync(batch);
                Assert.All(replies, r => Assert.Equal(ResultCode.Ok, r.Code));
                foreach (var reply in replies)
                {
                    var created = (CreateResult)reply.Result!;
                    before[created.Path] = created.Stat;
                }
            }

            await silo.KillAsync();
        }

        await using (var silo = await SiloProcess.StartAsync(directory.Path, siloPort, gatewayPort, settings))
        {
            await using var client = await ExternalClient.ConnectAsync(gatewayPort);
            var session = await RawSession.OpenAsync(client.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);
            var replies = await session.ExecuteAsync([.. before.Keys.Select(p => (ClientRequest)new GetDataRequest(p))]);
            foreach (var (path, reply) in before.Keys.Zip(replies))
            {
                Assert.Equal(ResultCode.Ok, reply.Code);
                var data = (DataResult)reply.Result!;
                Assert.Equal(before[path], data.Stat);
                Assert.Equal($"value {path[2..].TrimStart('0').PadLeft(1, '0')}", System.Text.Encoding.UTF8.GetString(data.Data));
            }
        }
    }
}
