using System.Diagnostics;
using System.Net;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;

namespace CoordinationService.Tests.Faults;

/// <summary>The server refused to resume the session: it expired (or was never known), as ZooKeeper's handshake says with timeout 0.</summary>
internal sealed class ZkSessionExpiredException(string message) : Exception(message);

/// <summary>
/// A ZooKeeper session over the wire that outlives its connections, as ZooKeeper's ClientCnxn does:
/// when its connection breaks it resumes the session (id, password, last zxid seen) on the next
/// server of its list, its home server first, until the session timeout has passed since the server
/// last heard from it. Calls in flight on a broken connection fail; their outcome is unknown.
/// </summary>
internal sealed class ZkWireSession : IAsyncDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);

    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly byte[] _password;
    private ZkWireConnection _connection;
    private long _lastZxidSeen;
    private long _lastHeard = Stopwatch.GetTimestamp();

    private ZkWireSession(IReadOnlyList<IPEndPoint> servers, int home, ZkWireConnection connection)
    {
        _servers = servers;
        Home = home;
        Server = home;
        _connection = connection;
        SessionId = connection.Response.SessionId;
        _password = connection.Response.Passwd ?? new byte[16];
        Timeout = TimeSpan.FromMilliseconds(connection.Response.TimeOut);
    }

    public long SessionId { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The server this session prefers (it returns there when asked to).</summary>
    public int Home { get; }

    /// <summary>The index of the server the current connection goes to.</summary>
    public int Server { get; private set; }

    public bool IsConnected => !_connection.IsBroken;

    /// <summary>How many times the session was resumed on a server after a connection broke or it moved.</summary>
    public int Resumptions { get; private set; }

    /// <summary>Opens a new session on the home server, retrying for up to twice the session timeout (the first one also elects a leader).</summary>
    public static async Task<ZkWireSession> OpenAsync(IReadOnlyList<IPEndPoint> servers, int home, TimeSpan timeout)
    {
        var request = new ConnectRequest(0, 0, (int)timeout.TotalMilliseconds, 0, new byte[16], false);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                var connection = await ZkWireConnection.ConnectAsync(servers[home], request, HandshakeTimeout(timeout, servers.Count));
                if (connection.Response.TimeOut > 0)
                {
                    return new ZkWireSession(servers, home, connection);
                }

                await connection.DisposeAsync();
            }
            catch (ZkConnectionLostException) when (Stopwatch.GetElapsedTime(started) < 2 * timeout)
            {
            }

            if (Stopwatch.GetElapsedTime(started) >= 2 * timeout)
            {
                throw new InvalidOperationException($"server {servers[home]} refused a new session");
            }

            await Task.Delay(RetryPause);
        }
    }

    /// <summary>Sends a request on the current connection; a broken connection fails it at once.</summary>
    public async Task<ZkWireReply> CallAsync(OpCode op, IJuteRecord? body)
    {
        var reply = await _connection.CallAsync(op, body);
        Heard(reply.Zxid);
        return reply;
    }

    /// <summary>
    /// Makes sure a connection is up: resumes the session on the first server that accepts it,
    /// trying <paramref name="preferred"/> (or the home server) first. Throws
    /// <see cref="ZkSessionExpiredException"/> when a server says the session is gone, or when no
    /// server took it back within the session timeout.
    /// </summary>
    public async Task EnsureConnectedAsync(CancellationToken cancellation, int? preferred = null)
    {
        if (!_connection.IsBroken && (preferred is null || preferred == Server))
        {
            return;
        }

        await _connection.DisposeAsync();
        var failures = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            cancellation.ThrowIfCancellationRequested();
            var index = ((preferred ?? Home) + attempt) % _servers.Count;
            var request = new ConnectRequest(0, Volatile.Read(ref _lastZxidSeen), (int)Timeout.TotalMilliseconds, SessionId, _password, false);
            try
            {
                var connection = await ZkWireConnection.ConnectAsync(_servers[index], request, HandshakeTimeout(Timeout, _servers.Count));
                if (connection.Response.TimeOut <= 0)
                {
                    await connection.DisposeAsync();
                    throw new ZkSessionExpiredException(
                        $"session 0x{SessionId:x} refused by server {index} after {Stopwatch.GetElapsedTime(_lastHeard).TotalSeconds:F1} s without contact");
                }

                _connection = connection;
                Server = index;
                Resumptions++;
                Heard(0);
                return;
            }
            catch (ZkConnectionLostException lost)
            {
                failures.Add($"server {index}: {lost.Message}");
            }

            if (Stopwatch.GetElapsedTime(_lastHeard) > Timeout)
            {
                throw new ZkSessionExpiredException(
                    $"session 0x{SessionId:x}: no server resumed it within its {Timeout.TotalSeconds:F0} s timeout: {string.Join("; ", failures.TakeLast(6))}");
            }

            if (attempt % _servers.Count == _servers.Count - 1)
            {
                await Task.Delay(RetryPause, cancellation);
            }
        }
    }

    /// <summary>Ends the session on the server (its ephemerals go), then the connection.</summary>
    public async Task CloseAsync()
    {
        try
        {
            var reply = await _connection.CallAsync(OpCode.CloseSession, null).WaitAsync(TimeSpan.FromSeconds(5));
            if (reply.Err != 0 && reply.Err != (int)ResultCode.SessionExpired)
            {
                throw new InvalidOperationException($"closeSession of 0x{SessionId:x} answered {reply.Err}");
            }
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>As ZooKeeper's ClientCnxn: a server gets the session timeout divided by the number of servers to answer.</summary>
    private static TimeSpan HandshakeTimeout(TimeSpan sessionTimeout, int servers) => sessionTimeout / servers;

    private void Heard(long zxid)
    {
        Volatile.Write(ref _lastHeard, Stopwatch.GetTimestamp());
        long seen;
        do
        {
            seen = Volatile.Read(ref _lastZxidSeen);
        }
        while (zxid > seen && Interlocked.CompareExchange(ref _lastZxidSeen, zxid, seen) != seen);
    }
}
