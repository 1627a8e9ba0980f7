using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tree;
using CoordinationService.Txns;
using CoordinationService.Watches;

namespace CoordinationService.Tests.Tree;

/// <summary>Drives the tree the way the leader does: Prepare, Apply under the next zxid, Complete.</summary>
internal sealed class TreeHarness
{
    public const long StartTime = 1_795_444_944_000;

    private readonly List<TxnRecord> _log = [];
    private long _counter;
    private byte _passwordSeed;

    public TreeHarness(PreparerOptions? options = null)
    {
        Preparer = new RequestPreparer(Tree, options ?? new PreparerOptions(), NextPassword);
    }

    public DataTree Tree { get; } = new();

    public RequestPreparer Preparer { get; }

    /// <summary>The leader's clock for the next txn; each write advances it by 10 ms.</summary>
    public long Time { get; set; } = StartTime;

    public Zxid LastZxid { get; private set; }

    public IReadOnlyList<WatchTrigger> LastTriggers { get; private set; } = [];

    public PreparedWrite LastPrepared { get; private set; }

    /// <summary>Every txn applied so far, to replay on another tree.</summary>
    public IReadOnlyList<TxnRecord> Log => _log;

    public Zxid NextZxid() => Zxid.Create(0, ++_counter);

    /// <summary>Prepares, applies and completes <paramref name="request"/> for a session with the identities in <paramref name="auth"/> (none by default).</summary>
    public OpReply Write(WriteRequest request, SessionId session = default, IReadOnlyList<AuthId>? auth = null)
    {
        var zxid = NextZxid();
        var prepared = Preparer.Prepare(session, auth ?? [], request, zxid, Time);
        Commit(new TxnRecord(zxid, Time, session, prepared.Txn));
        LastPrepared = prepared;
        Time += 10;
        return Preparer.Complete(request, prepared, zxid);
    }

    public void Commit(TxnRecord record)
    {
        LastTriggers = Tree.Apply(record);
        LastZxid = record.Zxid;
        _log.Add(record);
    }

    public OpReply Create(string path, CreateMode mode = CreateMode.Persistent, SessionId session = default, byte[]? data = null, long ttl = 0) =>
        Write(new CreateRequest(path, data ?? [], AclEntry.OpenUnsafe, mode, ttl), session);

    public string CreatedPath(string path, CreateMode mode = CreateMode.Persistent, SessionId session = default, byte[]? data = null)
    {
        var reply = Create(path, mode, session, data);
        Assert.Equal(ResultCode.Ok, reply.Code);
        return Assert.IsType<CreateResult>(reply.Result).Path;
    }

    public SessionId OpenSession(int timeoutMs = 10_000)
    {
        var reply = Write(new CreateSessionRequest(timeoutMs));
        return Assert.IsType<SessionCreatedResult>(reply.Result).Session;
    }

    public Stat StatOf(string path) =>
        Tree.TryGetNode(path, out var node) ? node.ToStat() : throw new Xunit.Sdk.XunitException($"{path} does not exist");

    private byte[] NextPassword()
    {
        _passwordSeed++;
        return Enumerable.Repeat(_passwordSeed, 16).ToArray();
    }
}
