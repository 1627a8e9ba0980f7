using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Tree;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Tree;

public sealed class SnapshotTests
{
    /// <summary>A tree with every node kind, a sequential counter, sessions, ACL changes and deletes.</summary>
    private static TreeHarness Populated()
    {
        var h = new TreeHarness();
        var first = h.OpenSession(5000);
        var second = h.OpenSession(20_000);
        h.Create("/app", data: [1, 2, 3]);
        h.Create("/app/seq-", CreateMode.PersistentSequential);
        h.Create("/app/seq-", CreateMode.PersistentSequential);
        h.Write(new DeleteRequest("/app/seq-0000000000"));
        h.Create("/app/e", CreateMode.Ephemeral, first);
        h.Create("/app/f", CreateMode.EphemeralSequential, second);
        h.Create("/c", CreateMode.Container);
        h.Create("/c/x");
        h.Create("/t", CreateMode.PersistentWithTtl, ttl: 12_345);
        h.Write(new SetDataRequest("/app", [4, 5]));
        h.Write(new SetAclRequest("/app", [new AclEntry(Permissions.Read, "digest", "user:hash"), AclEntry.WorldAnyoneAll]));
        h.Write(new CreateRequest("/ünïcode", [], AclEntry.OpenUnsafe, CreateMode.Persistent));
        return h;
    }

    private static byte[] Snapshot(DataTree tree)
    {
        using var stream = new MemoryStream();
        tree.WriteSnapshot(stream);
        return stream.ToArray();
    }

    private static DataTree Load(byte[] bytes) => DataTree.ReadSnapshot(new MemoryStream(bytes));

    [Fact]
    public void SnapshotRoundTripPreservesEveryStatField()
    {
        var original = Populated().Tree;

        var loaded = Load(Snapshot(original));

        Assert.Equal(original.LastApplied, loaded.LastApplied);
        Assert.Equal(original.NodeCount, loaded.NodeCount);
        Assert.Equal(original.DataSize, loaded.DataSize);
        foreach (var path in AllPaths(original))
        {
            Assert.True(original.TryGetNode(path, out var expected));
            Assert.True(loaded.TryGetNode(path, out var actual), path);
            Assert.Equal(expected.ToStat(), actual.ToStat());
            Assert.Equal(expected.Data, actual.Data);
            Assert.Equal(expected.Acl, actual.Acl);
            Assert.Equal(expected.Kind, actual.Kind);
            Assert.Equal(expected.Ttl, actual.Ttl);
            Assert.Equal(expected.EphemeralOwner, actual.EphemeralOwner);
            Assert.Equal(expected.ChildCreates, actual.ChildCreates);
            Assert.Equal(expected.Children.Order(StringComparer.Ordinal), actual.Children.Order(StringComparer.Ordinal));
        }

        Assert.Equal(original.Digest(), loaded.Digest());
    }

    [Fact]
    public void SnapshotRoundTripPreservesSessionsAndEphemerals()
    {
        var original = Populated().Tree;

        var loaded = Load(Snapshot(original));

        Assert.Equal(original.Sessions.Keys.Order(), loaded.Sessions.Keys.Order());
        foreach (var (id, session) in original.Sessions)
        {
            Assert.Equal(session.TimeoutMs, loaded.Sessions[id].TimeoutMs);
            Assert.Equal(session.Password, loaded.Sessions[id].Password);
            Assert.Equal(original.EphemeralsOf(id).Order(StringComparer.Ordinal), loaded.EphemeralsOf(id).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void LoadedTreeContinuesLikeTheOriginal()
    {
        var h = Populated();
        var loaded = Load(Snapshot(h.Tree));
        var zxid = h.NextZxid();
        var prepared = h.Preparer.Prepare(SessionId.None, [], new CreateRequest("/app/seq-", [], AclEntry.OpenUnsafe, CreateMode.PersistentSequential), zxid, h.Time);
        var record = new TxnRecord(zxid, h.Time, SessionId.None, prepared.Txn);

        h.Commit(record);
        loaded.Apply(record);

        Assert.Equal(h.Tree.Digest(), loaded.Digest());
    }

    [Fact]
    public void DigestsMatchAfterSameTxns()
    {
        var leader = Populated();
        var replica = new DataTree();

        foreach (var record in leader.Log)
        {
            replica.Apply(record);
        }

        Assert.Equal(leader.Tree.Digest(), replica.Digest());
        Assert.Equal(Snapshot(leader.Tree), Snapshot(replica));
    }

    [Fact]
    public void DigestIsLowercaseHexSha256OfTheSnapshot()
    {
        var tree = Populated().Tree;

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Snapshot(tree)));

        Assert.Equal(expected, tree.Digest());
        Assert.Matches("^[0-9a-f]{64}$", tree.Digest());
    }

    [Fact]
    public void DigestIsIndependentOfSessionInsertionOrder()
    {
        var a = new DataTree();
        var b = new DataTree();
        a.Apply(new TxnRecord(new Zxid(1), 1, SessionId.None, new CreateSessionTxn(5, 4000, new byte[16])));
        a.Apply(new TxnRecord(new Zxid(2), 2, SessionId.None, new CreateSessionTxn(3, 4000, new byte[16])));
        b.Apply(new TxnRecord(new Zxid(1), 1, SessionId.None, new CreateSessionTxn(3, 4000, new byte[16])));
        b.Apply(new TxnRecord(new Zxid(2), 2, SessionId.None, new CreateSessionTxn(5, 4000, new byte[16])));

        Assert.Equal(a.Digest(), b.Digest());
    }

    [Fact]
    public void AnyDifferingFieldChangesTheDigest()
    {
        var baseline = Populated().Tree.Digest();
        var digests = new[]
        {
            Variant(h => h.Write(new SetDataRequest("/app", [4, 5]))),
            Variant(h => h.Write(new SetAclRequest("/app", AclEntry.OpenUnsafe))),
            Variant(h => h.Write(new CheckVersionRequest("/app", 0))),
            Variant(h => h.Write(new Requests.CreateSessionRequest(4000))),
            Variant(h => h.Write(new DeleteRequest("/c/x"))),
        };

        Assert.DoesNotContain(baseline, digests);
        Assert.Equal(digests.Length, digests.Distinct().Count());
        Assert.NotEqual(Populated().Tree.Digest(), TimeShifted().Tree.Digest());
    }

    [Fact]
    public void CorruptSnapshotIsRejected()
    {
        var bytes = Snapshot(Populated().Tree);

        for (var i = 0; i < bytes.Length; i++)
        {
            var corrupt = (byte[])bytes.Clone();
            corrupt[i] ^= 0x5A;
            Assert.Throws<InvalidDataException>(() => Load(corrupt));
        }
    }

    [Fact]
    public void TruncatedSnapshotIsRejected()
    {
        var bytes = Snapshot(Populated().Tree);

        foreach (var length in new[] { 0, 3, 8, 20, bytes.Length / 2, bytes.Length - 1 })
        {
            Assert.Throws<InvalidDataException>(() => Load(bytes[..length]));
        }
    }

    [Fact]
    public void SnapshotOfAnotherFormatIsRejected()
    {
        var bytes = Snapshot(new DataTree());
        bytes[4] = 2;

        Assert.Throws<InvalidDataException>(() => Load(bytes));
    }

    private static string Variant(Func<TreeHarness, Results.OpReply> change)
    {
        var h = Populated();
        change(h);
        return h.Tree.Digest();
    }

    private static TreeHarness TimeShifted()
    {
        var h = new TreeHarness { Time = TreeHarness.StartTime + 1 };
        var replay = Populated();
        foreach (var record in replay.Log)
        {
            h.Commit(record with { Time = record.Time + 1 });
        }

        return h;
    }

    private static IEnumerable<string> AllPaths(DataTree tree)
    {
        var pending = new Stack<string>(["/"]);
        while (pending.TryPop(out var path))
        {
            yield return path;
            Assert.True(tree.TryGetNode(path, out var node));
            foreach (var child in node.Children)
            {
                pending.Push(PathValidation.Combine(path, child));
            }
        }
    }
}
