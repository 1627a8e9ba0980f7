using System.Diagnostics;
using System.Net;
using System.Text;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;

namespace CoordinationService.Tests.Faults;

/// <summary>A fault-test client speaking the ZooKeeper protocol to one silo's client port, resuming on another when that silo dies.</summary>
internal sealed class ZkFaultSession : IFaultSession
{
    private readonly ZkWireSession _session;
    private readonly List<string> _events = [];
    private readonly long _started = Stopwatch.GetTimestamp();

    private ZkFaultSession(string name, ZkWireSession session)
    {
        Name = name;
        _session = session;
    }

    public string Name { get; }

    public int? Server => _session.Server;

    public int? Home => _session.Home;

    public IReadOnlyList<string> Events => _events;

    public string? Ended { get; private set; }

    public long SessionId => _session.SessionId;

    public static async Task<ZkFaultSession> OpenAsync(string name, IReadOnlyList<IPEndPoint> servers, int home, TimeSpan timeout) =>
        new(name, await ZkWireSession.OpenAsync(servers, home, timeout));

    public async Task PrepareAsync(bool returnHome, CancellationToken cancellation)
    {
        var before = _session.Server;
        var wasConnected = _session.IsConnected;
        try
        {
            await _session.EnsureConnectedAsync(cancellation, returnHome ? _session.Home : null);
        }
        catch (ZkSessionExpiredException expired)
        {
            Ended = expired.Message;
            _events.Add($"{Elapsed()} expired: {expired.Message}");
            return;
        }

        if (_session.Server != before || !wasConnected)
        {
            _events.Add($"{Elapsed()} {(wasConnected ? "moved" : "resumed")} silo {before} -> {_session.Server}");
        }
    }

    public Task<OpResult> CreateSequentialAsync(string prefix, string payload) =>
        RunAsync(OpCode.Create2, new CreateRequest(prefix, Encoding.UTF8.GetBytes(payload), AclEntry.OpenUnsafe, (int)CreateMode.PersistentSequential), reply =>
        {
            var created = reply.Read<Create2Response>();
            return new OpResult(Outcome.Acked, created.Stat.Czxid, created.Path, created.Stat.Version);
        });

    public Task<OpResult> SetDataAsync(string path, string payload) =>
        RunAsync(OpCode.SetData, new SetDataRequest(path, Encoding.UTF8.GetBytes(payload), -1), reply =>
        {
            var stat = reply.Read<StatResponse>().Stat;
            return new OpResult(Outcome.Acked, stat.Mzxid, path, stat.Version);
        });

    public Task<OpResult> GetDataAsync(string path) =>
        RunAsync(OpCode.GetData, new PathWatchRequest(path, false), reply =>
        {
            var data = reply.Read<GetDataResponse>();
            return new OpResult(Outcome.Acked, data.Stat.Mzxid, path, data.Stat.Version, Encoding.UTF8.GetString(data.Data ?? []));
        });

    public async Task CloseAsync()
    {
        if (Ended is null)
        {
            await _session.CloseAsync();
            Ended = "closed";
        }
    }

    public ValueTask DisposeAsync() => _session.DisposeAsync();

    private async Task<OpResult> RunAsync(OpCode op, IJuteRecord body, Func<ZkWireReply, OpResult> acked)
    {
        ZkWireReply reply;
        try
        {
            reply = await _session.CallAsync(op, body);
        }
        catch (ZkConnectionLostException lost)
        {
            return OpResult.Unknown("connection lost: " + lost.Message);
        }

        return (ResultCode)reply.Err switch
        {
            ResultCode.Ok => acked(reply),
            ResultCode.ConnectionLoss or ResultCode.OperationTimeout => OpResult.Unknown(((ResultCode)reply.Err).ToString()),
            ResultCode.SessionExpired => Expire(op),
            var code => OpResult.Refused(code.ToString()),
        };
    }

    private OpResult Expire(OpCode op)
    {
        Ended = $"{op} answered SessionExpired on silo {_session.Server}";
        _events.Add($"{Elapsed()} expired: {Ended}");
        return OpResult.Expired(Ended);
    }

    private string Elapsed() => $"+{Stopwatch.GetElapsedTime(_started).TotalSeconds:F1}s";
}
