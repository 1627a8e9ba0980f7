using System.Text;
using CoordinationService.Client;
using CoordinationService.Errors;
using CoordinationService.Front;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tests.Support;
using CoordinationService.Watches;
using Microsoft.Extensions.DependencyInjection;

namespace CoordinationService.Tests.Cluster;

/// <summary>The .NET client against real silos: what an application sees.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClientTests
{
    private static readonly CoordinationClientOptions Options = new() { SessionTimeout = TimeSpan.FromSeconds(6) };

    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task ClientCrudBehavesAsZooKeeper()
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1);
        await using var client = await CoordinationClient.ConnectAsync(cluster.GrainsOf(0), Options);

        Assert.Equal("/app", await client.CreateAsync("/app", Bytes("root")));
        var seq = await client.CreateAsync("/app/job-", Bytes(""), CreateMode.PersistentSequential);
        Assert.Equal("/app/job-0000000000", seq);
        var stat = await client.SetDataAsync("/app", Bytes("v1"), version: 0);
        Assert.Equal(1, stat.Version);
        var data = await client.GetDataAsync("/app");
        Assert.Equal("v1", Encoding.UTF8.GetString(data.Data));
        Assert.Equal(1, data.Stat.NumChildren);
        Assert.Equal(["job-0000000000"], (await client.GetChildrenAsync("/app")).Names);

        await Assert.ThrowsAsync<NodeExistsException>(() => client.CreateAsync("/app", Bytes("")));
        await Assert.ThrowsAsync<NoNodeException>(() => client.GetDataAsync("/missing"));
        await Assert.ThrowsAsync<BadVersionException>(() => client.SetDataAsync("/app", Bytes("x"), version: 0));
        await Assert.ThrowsAsync<NotEmptyException>(() => client.DeleteAsync("/app"));
        await Assert.ThrowsAsync<BadArgumentsException>(() => client.CreateAsync("/app/", Bytes("")));
        Assert.Null(await client.ExistsAsync("/missing"));

        var ephemeral = await client.CreateAsync("/app/me", Bytes(""), CreateMode.Ephemeral);
        Assert.Equal([ephemeral], await client.GetEphemeralsAsync("/app"));
        await Assert.ThrowsAsync<NoChildrenForEphemeralsException>(() => client.CreateAsync("/app/me/child", Bytes("")));

        var results = await client.MultiAsync([new CreateRequest("/app/m1", [], AclEntry.OpenUnsafe, CreateMode.Persistent), new DeleteRequest(seq)]);
        Assert.Equal(2, results.Count);
        var failed = await Assert.ThrowsAsync<MultiFailedException>(() =>
            client.MultiAsync([new CreateRequest("/app/m2", [], AclEntry.OpenUnsafe, CreateMode.Persistent), new DeleteRequest("/app/none")]));
        Assert.Equal(ResultCode.NoNode, failed.Code);
        Assert.Null(await client.ExistsAsync("/app/m2"));
        Assert.Equal(2, await client.GetAllChildrenNumberAsync("/app"));
    }

    [Fact]
    public async Task OneShotWatcherFiresOnceAcrossSilos()
    {
        await using var cluster = await CoordinationCluster.StartAsync();
        await using var watcher = await CoordinationClient.ConnectAsync(cluster.GrainsOf(1), Options);
        await using var writer = await CoordinationClient.ConnectAsync(cluster.GrainsOf(2), Options);
        await writer.CreateAsync("/cfg", Bytes("a"));
        await watcher.SyncAsync("/cfg");

        var events = new List<WatchEvent>();
        var fired = new TaskCompletionSource();
        await watcher.GetDataAsync("/cfg", e => { lock (events) { events.Add(e); } fired.TrySetResult(); });
        await writer.SetDataAsync("/cfg", Bytes("b"));
        await writer.SetDataAsync("/cfg", Bytes("c"));
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));

        // A read after both writes shows the event first, and only once.
        await watcher.SyncAsync("/cfg");
        var latest = await watcher.GetDataAsync("/cfg");
        Assert.Equal("c", Encoding.UTF8.GetString(latest.Data));
        lock (events)
        {
            var evt = Assert.Single(events);
            Assert.Equal(WatchEventType.NodeDataChanged, evt.Type);
        }
    }

    [Fact]
    public async Task WatchStreamDeliversPersistentRecursiveEventsInZxidOrder()
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 2);
        await using var watcher = await CoordinationClient.ConnectAsync(cluster.GrainsOf(0), Options);
        await using var writer = await CoordinationClient.ConnectAsync(cluster.GrainsOf(1), Options);
        await writer.CreateAsync("/svc", Bytes(""));

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var received = new List<WatchEvent>();
        var streaming = Task.Run(async () =>
        {
            await foreach (var evt in watcher.WatchAsync("/svc", AddWatchMode.PersistentRecursive, stop.Token))
            {
                received.Add(evt);
                if (received.Count == 3)
                {
                    break;
                }
            }
        });

        await Eventually.TrueAsync(async () =>
        {
            var probe = await writer.CreateAsync("/svc/probe", Bytes(""), CreateMode.EphemeralSequential);
            await writer.DeleteAsync(probe);
            return received.Count > 0;
        }, TimeSpan.FromSeconds(10), "the stream is registered");
        var before = received.Count;
        await writer.CreateAsync("/svc/a", Bytes(""));
        await writer.CreateAsync("/svc/a/b", Bytes(""));
        await writer.SetDataAsync("/svc/a/b", Bytes("x"));
        await streaming.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.True(received.Select(e => e.Zxid).SequenceEqual(received.Select(e => e.Zxid).Order()), "events arrive in zxid order");
        Assert.DoesNotContain(received, e => e.Type == WatchEventType.NodeChildrenChanged);
        Assert.True(before <= 3);
    }

    [Fact]
    public async Task ClientMovesToAnotherSiloWhenItsSiloDiesAndKeepsItsEphemerals()
    {
        await using var cluster = await CoordinationCluster.StartAsync();
        var states = new List<SessionState>();
        await using var client = await CoordinationClient.ConnectAsync(cluster.Cluster.Client, Options);
        client.StateChanged += (_, e) => { lock (states) { states.Add(e.Current); } };
        await client.CreateAsync("/alive", Bytes(""), CreateMode.Ephemeral);

        var home = Enumerable.Range(0, 3).Single(i => cluster.Silo(i).ServiceProvider.GetRequiredService<SessionHub>().Count > 0);
        var observerGrains = cluster.GrainsOf((home + 1) % 3);
        await cluster.Cluster.KillSiloAsync(cluster.Silo(home));

        // The next call rides out the reconnect through a surviving gateway.
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                return await client.ExistsAsync("/alive") is not null;
            }
            catch (ConnectionLossException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(30), "the session answers through another silo");

        await using var observer = await CoordinationClient.ConnectAsync(observerGrains, Options);
        await observer.SyncAsync("/");
        var stat = await observer.ExistsAsync("/alive");
        Assert.NotNull(stat);
        Assert.Equal(client.SessionId.Value, stat!.EphemeralOwner);
        Assert.Equal(SessionState.Connected, client.State);
        lock (states)
        {
            Assert.DoesNotContain(SessionState.Expired, states);
        }
    }

    [Fact]
    public async Task DigestAclsAdmitOnlyTheProvenIdentity()
    {
        await using var cluster = await CoordinationCluster.StartAsync(silos: 1);
        await using var alice = await CoordinationClient.ConnectAsync(cluster.GrainsOf(0), Options);
        await using var stranger = await CoordinationClient.ConnectAsync(cluster.GrainsOf(0), Options);

        await alice.AddAuthAsync("digest", Bytes("alice:secret"));
        var aliceOnly = new[] { new AclEntry(Permissions.All, "digest", global::CoordinationService.Acl.DigestAuthentication.Digest("alice:secret")) };
        await alice.CreateAsync("/private", Bytes("s3cret"), acl: aliceOnly);

        await Assert.ThrowsAsync<NoAuthException>(() => stranger.GetDataAsync("/private"));
        await Assert.ThrowsAsync<NoAuthException>(() => stranger.SetDataAsync("/private", Bytes("x")));
        Assert.NotNull(await stranger.ExistsAsync("/private"));
        await Assert.ThrowsAsync<InvalidAclException>(() => stranger.CreateAsync("/bad", Bytes(""), acl: []));

        await stranger.AddAuthAsync("digest", Bytes("alice:secret"));
        Assert.Equal("s3cret", Encoding.UTF8.GetString((await stranger.GetDataAsync("/private")).Data));
        await Assert.ThrowsAsync<CoordinationException>(() => stranger.AddAuthAsync("kerberos", Bytes("x")));
    }
}
