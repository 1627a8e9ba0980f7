using Xunit.Abstractions;
using System.Security.Cryptography;
using System.Text;
using CoordinationService.Client;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Interop;

/// <summary>
/// 100,000 bad and half-bad frames against one silo's ZooKeeper port, within a time bound; then
/// the silo still answers, clients still read and write, and the tree is as it was.
/// </summary>
/// <remarks>
/// The fuzzer does get sessions (valid ConnectRequests, then mutated and malformed requests), so
/// that request bodies are exercised and not only the handshake. To keep it from changing the
/// tree, every node is first given a read-only ACL for everyone (ALL only for a digest id the
/// fuzzer does not know). The fuzzer's sessions still enter the replica's digest (sessions are part
/// of it), so "unchanged" is checked on what sessions cannot touch: every node's path, data, stat
/// and ACL, read through the .NET client, and the replica's node count.
/// </remarks>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class GatewayFuzzTests(SingleSiloFixture fixture, ITestOutputHelper output) : IClassFixture<SingleSiloFixture>
{
    private const long Frames = 100_000;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task HundredThousandBadFramesLeaveTheSiloAnsweringAndTheTreeUnchanged()
    {
        InteropTools.RequireKazoo();
        await using var orleans = await ExternalClient.ConnectAsync(fixture.GatewayPort);
        await using var client = await CoordinationClient.ConnectAsync(orleans.Client, new CoordinationClientOptions());
        await client.CreateAsync("/protected", Encoding.UTF8.GetBytes("keep me"));
        await client.CreateAsync("/protected/child", Encoding.UTF8.GetBytes("and me"));
        var adminHash = Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes("admin:secret")));
        IReadOnlyList<AclEntry> readOnly = [new(Permissions.Read, "world", "anyone"), new(Permissions.All, "digest", "admin:" + adminHash)];
        foreach (var path in await AllPathsAsync(client))
        {
            try
            {
                await client.SetAclAsync(path, readOnly);
            }
            catch (Errors.NoAuthException)
            {
                // Already closed to everyone (/zookeeper/config, as in ZooKeeper).
            }
        }

        var before = await TreeFingerprintAsync(client);
        var replicaBefore = await orleans.Client.GetGrain<ICoordinatorGrain>(0).GetReplicaStatus();

        var fuzzer = new FrameFuzzer(fixture.Silo.ZooKeeperPort, seed: 20261123);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await fuzzer.RunAsync(Frames, Budget);
        var elapsed = started.Elapsed;
        output.WriteLine($"fuzz: {fuzzer.Sent:N0} frames over {fuzzer.Connections:N0} connections in {elapsed.TotalSeconds:F1} s" +
            (fuzzer.Sent < Frames ? $" (time bound reached before {Frames:N0})" : string.Empty));

        Assert.Equal("imok", await FourLetterWord.AskAsync(fixture.Silo.ZooKeeperPort, "ruok"));
        Assert.Equal(before, await TreeFingerprintAsync(client));
        var replicaAfter = await orleans.Client.GetGrain<ICoordinatorGrain>(0).GetReplicaStatus();
        Assert.Equal(replicaBefore.NodeCount, replicaAfter.NodeCount);

        // Then a client still writes (this changes /protected's cversion, so it comes after the comparison).
        var script = await InteropTools.RunScriptAsync("read_write.py", fixture.Hosts, TimeSpan.FromSeconds(60), "--parent", "/protected", "--auth", "admin:secret");
        Assert.True(script.ExitCode == 0, $"kazoo could not read and write after the fuzz: {script}\n--- silo ---\n{fixture.Silo.Output[^Math.Min(4000, fixture.Silo.Output.Length)..]}");
        Assert.Equal("keep me", Encoding.UTF8.GetString((await client.GetDataAsync("/protected")).Data));

        Assert.True(fuzzer.Sent >= 10_000, $"only {fuzzer.Sent} frames were sent in {Budget.TotalSeconds} s");
    }

    private static async Task<List<string>> AllPathsAsync(CoordinationClient client)
    {
        var paths = new List<string>();
        var pending = new Stack<string>(["/"]);
        while (pending.TryPop(out var path))
        {
            paths.Add(path);
            foreach (var child in (await client.GetChildrenAsync(path)).Names.Order(StringComparer.Ordinal))
            {
                pending.Push(path == "/" ? "/" + child : path + "/" + child);
            }
        }

        return paths;
    }

    /// <summary>Every node's path, data, stat and ACL, in path order.</summary>
    private static async Task<string> TreeFingerprintAsync(CoordinationClient client)
    {
        var text = new StringBuilder();
        foreach (var path in (await AllPathsAsync(client)).Order(StringComparer.Ordinal))
        {
            var data = await client.GetDataAsync(path);
            var acl = await client.GetAclAsync(path);
            text.Append(path).Append(' ').Append(Convert.ToHexString(data.Data)).Append(' ').Append(data.Stat)
                .Append(' ').AppendJoin(',', acl.Acl.Select(a => $"{(int)a.Permissions}:{a.Scheme}:{a.Id}")).Append('\n');
        }

        return text.ToString();
    }
}
