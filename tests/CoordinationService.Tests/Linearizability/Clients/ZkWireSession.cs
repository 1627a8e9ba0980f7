using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;
using Stat = CoordinationService.Model.Stat;

namespace CoordinationService.Tests.Linearizability.Clients;

/// <summary>
/// A ZooKeeper session over the wire protocol, written for these tests with the gateway's own jute
/// codec: it reconnects to another server with its session id, password and last zxid seen when its
/// connection breaks, as every ZooKeeper client does, and reports each request's reply zxid. A request
/// without a reply within the request timeout closes the connection (ZooKeeper's read timeout): its
/// outcome is then unknown. Watches are not re-registered after a reconnect; callers that wait on one
/// re-check on a timer.
/// </summary>
public sealed class ZkWireSession : IWorkloadSession
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(3);

    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly TimeSpan _requestTimeout;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly ConcurrentDictionary<string, ConcurrentBag<TaskCompletionSource>> _watches = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly int _timeoutMs;
    private ZkWireLink? _link;
    private byte[] _password = new byte[16];
    private long _lastZxid;
    private long _lastContact = Stopwatch.GetTimestamp();
    private int _nextServer;
    private volatile bool _ended;
    private Task _pinging = Task.CompletedTask;

    private ZkWireSession(IReadOnlyList<IPEndPoint> servers, TimeSpan sessionTimeout, TimeSpan requestTimeout)
    {
        _servers = servers;
        _timeoutMs = (int)sessionTimeout.TotalMilliseconds;
        _requestTimeout = requestTimeout;
        _nextServer = Random.Shared.Next(servers.Count);
    }

    public string Client => "zookeeper";

    public long SessionId { get; private set; }

    public long LastZxidSeen => Interlocked.Read(ref _lastZxid);

    public bool IsEnded => _ended;

    public TimeSpan NegotiatedTimeout { get; private set; }

    /// <summary>The server this session is connected to now, if any.</summary>
    public IPEndPoint? Server => _link is { IsDead: false } link ? link.Server : null;

    /// <summary>Opens a new session on the first server that grants one, trying each in turn until <paramref name="cancellationToken"/> ends it.</summary>
    public static async Task<ZkWireSession> OpenAsync(
        IReadOnlyList<IPEndPoint> servers, TimeSpan sessionTimeout, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        var session = new ZkWireSession(servers, sessionTimeout, requestTimeout);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var server = session.NextServer();
            try
            {
                var link = await ZkWireLink.ConnectAsync(server, new ConnectRequest(0, 0, session._timeoutMs, 0, new byte[16], false), HandshakeTimeout, cancellationToken);
                if (link is not null)
                {
                    session.Adopt(link);
                    session.SessionId = link.Session.SessionId;
                    session._password = link.Session.Passwd ?? new byte[16];
                    session.NegotiatedTimeout = TimeSpan.FromMilliseconds(link.Session.TimeOut);
                    session._pinging = Task.Run(session.PingAsync, CancellationToken.None);
                    return session;
                }
            }
            catch (LinkLostException)
            {
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    public Task<Reply<NodeValue>> GetDataAsync(string path, CancellationToken cancellationToken) =>
        CallAsync(OpCode.GetData, new PathWatchRequest(path, false), b => { var r = JuteCodec.Read<GetDataResponse>(b); return new NodeValue(r.Data ?? [], r.Stat); }, cancellationToken);

    public Task<Reply<Stat>> SetDataAsync(string path, byte[] data, int version, CancellationToken cancellationToken) =>
        CallAsync(OpCode.SetData, new SetDataRequest(path, data, version), b => JuteCodec.Read<StatResponse>(b).Stat, cancellationToken);

    public Task<Reply<CreatedNode>> CreateAsync(string path, byte[] data, CreateMode mode, CancellationToken cancellationToken) =>
        CallAsync(OpCode.Create2, new CreateRequest(path, data, AclEntry.OpenUnsafe, (int)mode), b => { var r = JuteCodec.Read<Create2Response>(b); return new CreatedNode(r.Path, r.Stat); }, cancellationToken);

    public Task<Reply<ChildList>> GetChildrenAsync(string path, CancellationToken cancellationToken) =>
        CallAsync(OpCode.GetChildren2, new PathWatchRequest(path, false), b => { var r = JuteCodec.Read<GetChildren2Response>(b); return new ChildList(r.Children ?? [], r.Stat); }, cancellationToken);

    public Task<Reply<bool>> SyncAsync(string path, CancellationToken cancellationToken) =>
        CallAsync(OpCode.Sync, new PathRequest(path), _ => true, cancellationToken);

    public Task<Reply<bool>> DeleteAsync(string path, int version, CancellationToken cancellationToken) =>
        CallAsync(OpCode.Delete, new DeleteRequest(path, version), _ => true, cancellationToken);

    public async Task<Reply<Stat?>> ExistsAsync(string path, TaskCompletionSource? changed, CancellationToken cancellationToken)
    {
        if (changed is not null)
        {
            _watches.GetOrAdd(path, _ => []).Add(changed);
        }

        var reply = await CallAsync(OpCode.Exists, new PathWatchRequest(path, changed is not null), b => (Stat?)JuteCodec.Read<StatResponse>(b).Stat, cancellationToken);
        // exists answers NoNode for a missing node, with the watch set all the same.
        return reply.Code == ResultCode.NoNode ? new Reply<Stat?>(ResultCode.Ok, null, reply.Zxid) : reply;
    }

    public async Task CloseAsync()
    {
        if (!_ended)
        {
            await CallAsync(OpCode.CloseSession, null, _ => true, CancellationToken.None);
            _ended = true;
        }

        await StopAsync();
    }

    /// <summary>Goes silent without closing, as a crashed client: no more pings, the connection dropped, so the server expires the session.</summary>
    public Task AbandonAsync()
    {
        _ended = true;
        return StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _ended = true;
        await StopAsync();
        _connecting.Dispose();
        _stop.Dispose();
    }

    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_link is { } link)
        {
            await link.DisposeAsync();
        }

        await _pinging;
    }

    private async Task<Reply<T>> CallAsync<T>(OpCode op, IJuteRecord? body, Func<byte[], T> parse, CancellationToken cancellationToken)
    {
        if (_ended)
        {
            return Reply<T>.NotSent(ResultCode.SessionExpired);
        }

        ZkWireLink? link;
        try
        {
            link = await EnsureLinkAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return Reply<T>.NotSent(ResultCode.ConnectionLoss);
        }

        if (link is null)
        {
            return Reply<T>.NotSent(_ended ? ResultCode.SessionExpired : ResultCode.ConnectionLoss);
        }

        (ReplyHeader Header, byte[] Body) reply;
        try
        {
            reply = await link.SendAsync(op, body).WaitAsync(_requestTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            link.Kill($"no reply to {op} within {_requestTimeout.TotalSeconds:0.#} s");
            return new Reply<T>(ResultCode.ConnectionLoss, default, 0);
        }
        catch (Exception e) when (e is LinkLostException or OperationCanceledException)
        {
            return new Reply<T>(ResultCode.ConnectionLoss, default, 0);
        }

        Volatile.Write(ref _lastContact, Stopwatch.GetTimestamp());
        Observe(reply.Header.Zxid);
        var code = (ResultCode)reply.Header.Err;
        if (code == ResultCode.SessionExpired)
        {
            _ended = true;
        }

        return code == ResultCode.Ok
            ? new Reply<T>(code, parse(reply.Body), reply.Header.Zxid)
            : new Reply<T>(code, default, reply.Header.Zxid);
    }

    /// <summary>
    /// The live link, or a new one to the next server that resumes this session; null when the session
    /// turned out expired, or no server took it back within the session timeout since the last reply.
    /// </summary>
    private async Task<ZkWireLink?> EnsureLinkAsync(CancellationToken cancellationToken)
    {
        if (_link is { IsDead: false } live)
        {
            return live;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            while (!_ended)
            {
                if (_link is { IsDead: false } current)
                {
                    return current;
                }

                if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastContact)) > NegotiatedTimeout * 1.5)
                {
                    // Past its timeout with no server reached: the server side has expired it by now.
                    _ended = true;
                    return null;
                }

                var server = NextServer();
                try
                {
                    var link = await ZkWireLink.ConnectAsync(
                        server, new ConnectRequest(0, LastZxidSeen, _timeoutMs, SessionId, _password, false), HandshakeTimeout, cancellationToken);
                    if (link is null)
                    {
                        _ended = true;
                        return null;
                    }

                    if (_link is { } old)
                    {
                        await old.DisposeAsync();
                    }

                    Adopt(link);
                    Volatile.Write(ref _lastContact, Stopwatch.GetTimestamp());
                    return link;
                }
                catch (LinkLostException)
                {
                    await Task.Delay(50, cancellationToken);
                }
            }

            return null;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private void Adopt(ZkWireLink link)
    {
        link.Notified += OnNotified;
        _link = link;
    }

    private void OnNotified(int type, string path)
    {
        if (_watches.TryRemove(path, out var waiting))
        {
            foreach (var changed in waiting)
            {
                changed.TrySetResult();
            }
        }
    }

    private void Observe(long zxid)
    {
        long seen;
        while (zxid > (seen = Interlocked.Read(ref _lastZxid)) && Interlocked.CompareExchange(ref _lastZxid, zxid, seen) != seen)
        {
        }
    }

    private IPEndPoint NextServer() => _servers[(int)((uint)Interlocked.Increment(ref _nextServer) % _servers.Count)];

    /// <summary>Pings a third of the session timeout apart, reconnecting in the background when the link broke.</summary>
    private async Task PingAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(NegotiatedTimeout / 3, _stop.Token);
                if (_ended)
                {
                    return;
                }

                var link = await EnsureLinkAsync(_stop.Token);
                if (link is not null)
                {
                    _ = link.SendAsync(OpCode.Ping, null).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
