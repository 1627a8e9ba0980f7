using System.Net;
using System.Text;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tests.Interop;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Operations;

/// <summary>
/// A silo process's /metrics after a known workload through both ways in — the Orleans front door
/// and the ZooKeeper port (kazoo) — counts exactly that workload: every request by op and result,
/// every txn in the log appends, and the tree's state in the gauges.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class MetricsEndpointTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task MetricsCountAKnownWorkloadExactly()
    {
        var admin = fixture.Silo.AdminUri;
        var before = await PrometheusScrape.ReadAsync(Http, admin);
        var tree = new TreeModel();

        await using var client = await ExternalClient.ConnectAsync(fixture.GatewayPort);
        var session = await RawSession.OpenAsync(client.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);

        Expect(ResultCode.Ok, await session.ExecuteAsync([Make.Create("/m"), .. Enumerable.Range(0, 20).Select(i => Make.Create($"/m/a-{i}", new string('a', i)))]));
        tree.Create("/m", "");
        Enumerable.Range(0, 20).ToList().ForEach(i => tree.Create($"/m/a-{i}", new string('a', i)));
        Expect(ResultCode.NodeExists, await session.ExecuteAsync(Make.Create("/m/a-0")));
        for (var round = 0; round < 3; round++)
        {
            Expect(ResultCode.Ok, await session.ExecuteAsync([.. Enumerable.Range(0, 10).Select(i => Make.Set($"/m/a-{i}", $"set-{i}"))]));
        }

        Enumerable.Range(0, 10).ToList().ForEach(i => tree.Set($"/m/a-{i}", $"set-{i}"));
        Expect(ResultCode.BadVersion, await session.ExecuteAsync(Make.Set("/m/a-0", "x", version: 999), Make.Set("/m/a-0", "x", version: 998)));
        Expect(ResultCode.Ok, await session.ExecuteAsync([.. Enumerable.Range(0, 50).Select(i => new GetDataRequest($"/m/a-{i % 20}"))]));
        Expect(ResultCode.NoNode, await session.ExecuteAsync([.. Enumerable.Range(0, 4).Select(_ => new GetDataRequest("/m/missing"))]));
        Expect(ResultCode.NoNode, await session.ExecuteAsync([.. Enumerable.Range(0, 3).Select(_ => new ExistsRequest("/m/missing"))]));
        Expect(ResultCode.Ok, await session.ExecuteAsync(new GetChildrenRequest("/m")));
        Expect(ResultCode.Ok, await session.ExecuteAsync([.. Enumerable.Range(10, 5).Select(i => new DeleteRequest($"/m/a-{i}"))]));
        Enumerable.Range(10, 5).ToList().ForEach(i => tree.Delete($"/m/a-{i}"));
        Expect(ResultCode.Ok, await session.ExecuteAsync(new GetDataRequest("/m/a-0", Watch: true)));

        var kazoo = await InteropTools.RunScriptAsync("metrics_workload.py", fixture.Hosts, TimeSpan.FromSeconds(90), "--parent", "/k");
        Assert.True(kazoo.ExitCode == 0, kazoo.ToString());
        tree.Create("/k", "");
        Enumerable.Range(0, 10).ToList().ForEach(i => tree.Create($"/k/x-{i}", new string('k', i)));
        Enumerable.Range(0, 10).ToList().ForEach(i => tree.Set($"/k/x-{i}", "v"));
        tree.Delete("/k/x-9");

        Expect(ResultCode.Ok, await session.ExecuteAsync(new SyncRequest("/")));
        var after = await PrometheusScrape.ReadAsync(Http, admin);

        var expected = new Dictionary<(string Op, string Result), double>
        {
            [("create_session", "ok")] = 2,
            [("create", "ok")] = 21 + 11,
            [("create", "node_exists")] = 1 + 1,
            [("set_data", "ok")] = 30 + 10,
            [("set_data", "bad_version")] = 2,
            [("get_data", "ok")] = 50 + 1 + 10,
            [("get_data", "no_node")] = 4 + 2,
            [("exists", "no_node")] = 3,
            [("get_children", "ok")] = 1,
            [("delete", "ok")] = 5 + 1,
            [("close_session", "ok")] = 1,
            [("sync", "ok")] = 1,
        };
        var counted = after.Requests().Select(r => (r.Key, Value: r.Value - before.Requests().GetValueOrDefault(r.Key))).Where(r => r.Value != 0).ToDictionary(r => r.Key, r => r.Value);
        Assert.Equal(expected.OrderBy(e => e.Key).ToList(), counted.OrderBy(e => e.Key).ToList());
        foreach (var op in expected.Keys.Select(k => k.Op).Distinct())
        {
            var requests = expected.Where(e => e.Key.Op == op).Sum(e => e.Value);
            Assert.Equal(requests, Delta(before, after, "coordination_request_duration_seconds_count", ("op", op)));
            Assert.Equal(requests, Delta(before, after, "coordination_request_duration_seconds_bucket", ("op", op), ("le", "+Inf")));
        }

        // Every write is one txn in one of the log appends, failed conditional writes included.
        var writes = expected.Where(e => e.Key.Op is "create_session" or "create" or "set_data" or "delete" or "close_session").Sum(e => e.Value);
        Assert.Equal(writes, Delta(before, after, "coordination_log_append_batch_size_sum"));
        var appends = Delta(before, after, "coordination_log_append_batch_size_count");
        Assert.InRange(appends, 1, writes);
        Assert.Equal(appends, Delta(before, after, "coordination_log_append_duration_seconds_count"));
        Assert.True(Delta(before, after, "coordination_log_append_duration_seconds_sum") > 0, "appends take time");

        Assert.Equal(tree.Nodes, after.Single("coordination_znodes") - before.Single("coordination_znodes"));
        Assert.Equal(tree.DataSize, after.Single("coordination_data_size_bytes") - before.Single("coordination_data_size_bytes"));
        Assert.Equal(1, after.Single("coordination_sessions"));
        Assert.Equal(1, after.Single("coordination_sessions_attached"));
        Assert.Equal(1, after.Single("coordination_watches"));
        Assert.Equal(0, after.Single("coordination_ephemerals"));
        Assert.Equal(session.LastZxidSeen, (long)after.Single("coordination_zxid_applied"));
        Assert.Equal(session.LastZxidSeen, (long)after.Single("coordination_zxid_committed"));
        Assert.Equal(0, after.Single("coordination_replica_lag"));
        Assert.Equal(new Zxid(session.LastZxidSeen).Epoch, (long)after.Single("coordination_leader_epoch"));
        Assert.Equal(1, after.Single("coordination_leader_elections_total"));
        Assert.Equal(1, after.Single("coordination_leader_contact"));
    }

    [Fact]
    public async Task WithoutAnAdminTokenTheApiIsReadOnly()
    {
        var admin = fixture.Silo.AdminUri;
        var create = await Http.PostAsync(new Uri(admin, "api/tree"), Json("""{"path":"/not-allowed","data":"x"}"""));
        var set = await Http.PutAsync(new Uri(admin, "api/tree"), Json("""{"path":"/zookeeper","data":"x"}"""));
        var delete = await Http.DeleteAsync(new Uri(admin, "api/tree?path=/zookeeper"));
        Assert.Equal(new[] { HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden }, new[] { create.StatusCode, set.StatusCode, delete.StatusCode });

        var node = await Http.GetStringAsync(new Uri(admin, "api/tree?path=/not-allowed"));
        Assert.Contains("\"code\":\"no_node\"", node, StringComparison.Ordinal);
        var root = await Http.GetStringAsync(new Uri(admin, "api/tree?path=/"));
        Assert.Contains("\"zookeeper\"", root, StringComparison.Ordinal);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static double Delta(PrometheusScrape before, PrometheusScrape after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static void Expect(ResultCode code, IReadOnlyList<Results.OpReply> replies) =>
        Assert.All(replies, r => Assert.Equal(code, r.Code));

    /// <summary>What the workload did to the tree, in the terms of the gauges: znodes, and path plus data bytes.</summary>
    private sealed class TreeModel
    {
        private readonly Dictionary<string, int> _dataBytes = [];

        public double Nodes => _dataBytes.Count;

        public double DataSize => _dataBytes.Sum(n => n.Key.Length + n.Value);

        public void Create(string path, string data) => _dataBytes.Add(path, Encoding.UTF8.GetByteCount(data));

        public void Set(string path, string data) => _dataBytes[path] = Encoding.UTF8.GetByteCount(data);

        public void Delete(string path) => Assert.True(_dataBytes.Remove(path));
    }
}
