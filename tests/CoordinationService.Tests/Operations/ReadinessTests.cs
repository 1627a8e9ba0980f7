using System.Diagnostics;
using System.Net;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tests.Support;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Operations;

/// <summary>
/// A silo that joins a cluster whose log holds many txns starts with an empty replica and rebuilds it
/// from the log store. Its admin port answers from early on: live at once, not ready while the replica
/// is far behind the log, ready once it has caught up — the order a load balancer needs.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class ReadinessTests(ITestOutputHelper output)
{
    private const int Txns = 40_000;
    private const int PerBatch = 500;
    private const int Writers = 4;

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task JoiningReplicaIsNotReadyUntilItCaughtUpWithTheLog()
    {
        using var directory = new TempDirectory();
        // Every silo shares the embedded log; no snapshot, so the joining silo replays every txn.
        var shared = new Dictionary<string, string>
        {
            ["Coordination__DataDirectory"] = Path.Combine(directory.Path, "data"),
            ["Coordination__SnapshotEveryTxns"] = "1000000",
        };
        var primaryPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        await using var first = await SiloProcess.StartAsync(directory.Path, primaryPort, gatewayPort, shared);
        var written = await WriteManyTxnsAsync(gatewayPort);

        var adminPort = FreePort.Next();
        var joining = new Dictionary<string, string>(shared)
        {
            ["Silo__PrimarySiloPort"] = primaryPort.ToString(),
            ["Admin__Port"] = adminPort.ToString(),
        };
        var admin = new Uri($"http://127.0.0.1:{adminPort}/");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var watching = WatchUntilReadyAsync(admin, stop.Token);
        await using var second = await SiloProcess.StartAsync(directory.Path, FreePort.Next(), FreePort.Next(), joining);
        var probes = await watching;
        foreach (var (ready, live) in probes)
        {
            output.WriteLine($"ready {ready} | live {(int?)live?.Status}");
        }

        var behind = probes.Where(p => !p.Ready.Ready && p.Ready.LagTxns >= Txns).ToList();
        Assert.True(behind.Count > 0, $"no answer showed the replica behind by the {Txns} txns it had to replay");
        Assert.All(behind, p =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, p.Ready.Status);
            Assert.Equal("0x0", p.Ready.AppliedZxid);
            Assert.Equal(HttpStatusCode.OK, p.Live?.Status);
        });

        var caughtUp = probes[^1].Ready;
        Assert.True(caughtUp.Ready, caughtUp.ToString());
        Assert.Equal(0, caughtUp.LagTxns);
        Assert.True(Convert.ToInt64(caughtUp.AppliedZxid[2..], 16) >= written, $"ready at {caughtUp.AppliedZxid}, before 0x{written:x}");

        var firstReady = await HealthProbe.TryAsync(Http, new Uri(first.AdminUri, "health/ready"), TimeSpan.Zero);
        Assert.True(firstReady is { Ready: true }, $"the first silo is ready: {firstReady}");
    }

    /// <summary>Fills the log through the first silo; returns the last zxid written.</summary>
    private static async Task<long> WriteManyTxnsAsync(int gatewayPort)
    {
        await using var client = await ExternalClient.ConnectAsync(gatewayPort);
        var frontDoor = client.Client.GetGrain<ICoordinatorGrain>(0);
        var setup = await RawSession.OpenAsync(frontDoor, timeoutMs: 30_000);
        Assert.Equal(ResultCode.Ok, (await setup.RunAsync(Make.Create("/filled"))).Code);
        var highest = await Task.WhenAll(Enumerable.Range(0, Writers).Select(async w =>
        {
            var session = await RawSession.OpenAsync(frontDoor, timeoutMs: 30_000);
            for (var written = 0; written < Txns / Writers; written += PerBatch)
            {
                var replies = await session.ExecuteAsync([.. Enumerable.Range(0, PerBatch).Select(i => Make.Set("/filled", $"{w}-{written + i}"))]);
                Assert.All(replies, r => Assert.Equal(ResultCode.Ok, r.Code));
            }

            return session.LastZxidSeen;
        }));
        return highest.Max();
    }

    /// <summary>Probes readiness and liveness every few milliseconds from before the silo starts until it is ready.</summary>
    private static async Task<List<(HealthProbe Ready, HealthProbe? Live)>> WatchUntilReadyAsync(Uri admin, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        var probes = new List<(HealthProbe Ready, HealthProbe? Live)>();
        while (!stop.IsCancellationRequested)
        {
            var probe = await HealthProbe.TryAsync(Http, new Uri(admin, "health/ready"), clock.Elapsed);
            if (probe is null)
            {
                await Task.Delay(20, stop);
                continue;
            }

            probes.Add((probe, await HealthProbe.TryAsync(Http, new Uri(admin, "health/live"), clock.Elapsed)));
            if (probe.Ready)
            {
                return probes;
            }

            await Task.Delay(20, stop);
        }

        throw new TimeoutException("the joining silo never became ready:\n" + string.Join("\n", probes.Select(p => p.Ready)));
    }
}
