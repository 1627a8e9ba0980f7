using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using CoordinationService.Gateway.Protocol;

namespace CoordinationService.Bench.Zk;

/// <summary>
/// One ZooKeeper session over one TCP connection, pipelined: any number of requests in flight, written
/// in the order callers queue them and answered in that same order (ZooKeeper replies to a connection's
/// requests in order), so replies are matched to calls by xid through a FIFO. Pings keep an idle session
/// alive; <see cref="CloseAsync"/> ends the session with closeSession. Speaks only the client side, with
/// the gateway's own jute codec, so any ZooKeeper-protocol server will do.
/// </summary>
public sealed class ZkConnection : IAsyncDisposable
{
    /// <summary>Replies can be large (getChildren of every node the create workload made), requests never are.</summary>
    private const int MaxReplyBytes = 64 << 20;

    /// <summary>Flush at least this often while draining a long queue, so the server starts on the first requests early.</summary>
    private const int FlushThresholdBytes = 64 << 10;

    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Connect plus handshake. Without it a server that accepts the TCP connection but never reads it
    /// (seen once from a ZooKeeper still starting) hangs the bench; ZooKeeper's own client gives up
    /// after sessionTimeout / number of hosts.
    /// </summary>
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    // Not single-reader: Drain empties it from whichever loop fails first, while the send loop may still be reading.
    private readonly Channel<ZkCall> _outgoing = Channel.CreateUnbounded<ZkCall>();
    private readonly ConcurrentQueue<ZkCall> _awaiting = new();
    private readonly FrameWriter _frames = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _pingAfter;
    private Task _sendLoop = Task.CompletedTask;
    private Task _receiveLoop = Task.CompletedTask;
    private Task _pingLoop = Task.CompletedTask;
    private long _lastSent = Stopwatch.GetTimestamp();
    private int _nextXid = 1;
    private volatile Exception? _failure;
    private volatile bool _closing;

    private ZkConnection(Socket socket, NetworkStream stream, PipeReader input, PipeWriter output, ConnectResponse session)
    {
        _socket = socket;
        _stream = stream;
        _input = input;
        _output = output;
        SessionId = session.SessionId;
        NegotiatedTimeout = TimeSpan.FromMilliseconds(session.TimeOut);
        // As ZooKeeper's ClientCnxn: ping when nothing was sent for half the read timeout (2/3 of the session timeout).
        _pingAfter = NegotiatedTimeout / 3;
    }

    public long SessionId { get; }

    public TimeSpan NegotiatedTimeout { get; }

    /// <summary>Waiters for watch notifications on this connection (the watch workloads and the lock recipe).</summary>
    public ZkWatchWaiters Watches { get; } = new();

    /// <summary>Why the connection died, or null while it is healthy.</summary>
    public Exception? Failure => _failure;

    public static async Task<ZkConnection> ConnectAsync(IPEndPoint server, TimeSpan sessionTimeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(HandshakeTimeout);
        try
        {
            return await HandshakeAsync(server, sessionTimeout, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ZkConnectionLostException($"{server} did not complete the handshake within {HandshakeTimeout.TotalSeconds:0} s.");
        }
    }

    private static async Task<ZkConnection> HandshakeAsync(IPEndPoint server, TimeSpan sessionTimeout, CancellationToken ct)
    {
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var stream = new NetworkStream(socket, ownsSocket: true);
        var input = PipeReader.Create(stream);
        var output = PipeWriter.Create(stream);
        try
        {
            // A new session: protocol 0, no zxid seen, session id 0 and an all-zero 16-byte password, read-write.
            new FrameWriter().WriteRecord(output, new ConnectRequest(0, 0, (int)sessionTimeout.TotalMilliseconds, 0, new byte[16], false));
            await output.FlushAsync(ct).ConfigureAwait(false);
            var response = await ReadConnectResponseAsync(input, ct).ConfigureAwait(false);
            if (response.TimeOut <= 0 || response.SessionId == 0)
            {
                throw new ZkConnectionLostException($"{server} refused the session (timeout {response.TimeOut}, session 0x{response.SessionId:x}).");
            }

            var connection = new ZkConnection(socket, stream, input, output, response);
            connection.Start();
            return connection;
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Queues a request; the task completes with its reply (whatever its err) or fails when the connection dies.</summary>
    public Task<ZkReply> SendAsync(OpCode op, IJuteRecord? body, bool keepReplyBody = false)
    {
        var call = new ZkCall(op, body, keepReplyBody, awaitsReply: true);
        if (_failure is null && _outgoing.Writer.TryWrite(call))
        {
            return call.Reply;
        }

        return FailedAsync();
    }

    /// <summary>Ends the session (closeSession, awaiting its reply) and closes the connection.</summary>
    public async Task CloseAsync()
    {
        if (_failure is not null)
        {
            return;
        }

        // The server closes the connection after answering closeSession: that end is expected, not a failure.
        _closing = true;
        var close = SendAsync(OpCode.CloseSession, null);
        try
        {
            var reply = await close.WaitAsync(CloseTimeout).ConfigureAwait(false);
            if (reply.Err != 0)
            {
                throw new ZkErrorException("closeSession", $"0x{SessionId:x}", reply.Err);
            }
        }
        catch (TimeoutException)
        {
            // The session then simply expires on the server after its timeout.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _closing = true;
        Fail(new ObjectDisposedException(nameof(ZkConnection)));
        try
        {
            await Task.WhenAll(_sendLoop, _receiveLoop, _pingLoop).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loops end by cancellation.
        }

        await _input.CompleteAsync().ConfigureAwait(false);
        await _output.CompleteAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _socket.Dispose();
        _stop.Dispose();
    }

    private static async Task<ConnectResponse> ReadConnectResponseAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (FrameReader.TryReadFrame(ref buffer, MaxReplyBytes, out var frame))
            {
                var response = JuteCodec.Read<ConnectResponse>(frame);
                input.AdvanceTo(buffer.Start);
                return response;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new ZkConnectionLostException("The server closed the connection during the handshake.");
            }
        }
    }

    private void Start()
    {
        _sendLoop = Task.Run(SendLoopAsync);
        _receiveLoop = Task.Run(ReceiveLoopAsync);
        _pingLoop = Task.Run(PingLoopAsync);
    }

    private async Task<ZkReply> FailedAsync()
    {
        // A dead connection fails every call; the pause keeps a closed-loop worker from spinning on it
        // (and from running synchronously inside Fail's completions) until the window ends.
        await Task.Delay(10).ConfigureAwait(false);
        throw _failure ?? new ZkConnectionLostException("The connection is closed.");
    }

    private async Task SendLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stop.Token).ConfigureAwait(false))
            {
                // Everything queued since the last flush goes out in one write: pipelining's whole point.
                while (reader.TryRead(out var call))
                {
                    call.Xid = call.Op == OpCode.Ping ? Xids.Ping : _nextXid++;
                    var writer = _frames.Begin();
                    new RequestHeader(call.Xid, (int)call.Op).Write(writer);
                    call.Body?.Write(writer);
                    _frames.CopyTo(_output);
                    if (call.AwaitsReply)
                    {
                        // Before the flush, so the reply can never arrive ahead of its entry.
                        _awaiting.Enqueue(call);
                    }

                    if (_output.UnflushedBytes >= FlushThresholdBytes)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }
                }

                await FlushAsync().ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            // The only writer to _awaiting has stopped: nothing queued after this drain can be stranded.
            Drain();
        }
    }

    private async ValueTask FlushAsync()
    {
        Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
        var flushed = await _output.FlushAsync(_stop.Token).ConfigureAwait(false);
        if (flushed.IsCompleted)
        {
            throw new ZkConnectionLostException("The server stopped reading.");
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_stop.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (FrameReader.TryReadFrame(ref buffer, MaxReplyBytes, out var frame))
                {
                    Dispatch(frame);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw new ZkConnectionLostException(_closing ? "Closed after closeSession." : "The server closed the connection.");
                }
            }
        }
        catch (Exception ex)
        {
            Fail(ex);
        }
        finally
        {
            Drain();
        }
    }

    private void Dispatch(ReadOnlySequence<byte> frame)
    {
        var header = JuteCodec.Read<ReplyHeader>(frame.Slice(0, ReplyHeader.Size));
        if (header.Xid == Xids.Notification)
        {
            Watches.Fire(JuteCodec.Read<WatcherEvent>(frame.Slice(ReplyHeader.Size)));
            return;
        }

        if (header.Xid == Xids.Ping)
        {
            // Ping replies are not awaited.
            return;
        }

        if (!_awaiting.TryDequeue(out var call) || call.Xid != header.Xid)
        {
            throw new ZkConnectionLostException($"Reply xid {header.Xid} does not match the oldest request in flight ({call?.Xid.ToString() ?? "none"}).");
        }

        var body = call.KeepReplyBody ? frame.Slice(ReplyHeader.Size).ToArray() : null;
        call.Complete(new ZkReply(header.Err, header.Zxid, body));
    }

    private async Task PingLoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent)) >= _pingAfter)
                {
                    _outgoing.Writer.TryWrite(new ZkCall(OpCode.Ping, null, keepReplyBody: false, awaitsReply: false));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the connection.
        }
    }

    private void Fail(Exception error)
    {
        if (_failure is not null)
        {
            return;
        }

        _failure = error is ZkConnectionLostException or ObjectDisposedException
            ? error
            : new ZkConnectionLostException($"Connection to session 0x{SessionId:x} lost: {error.Message}", error);
        _outgoing.Writer.TryComplete();
        _stop.Cancel();
        Watches.FailAll(_failure);
        Drain();
    }

    private void Drain()
    {
        var error = _failure ?? new ZkConnectionLostException("The connection is closed.");
        while (_outgoing.Reader.TryRead(out var queued))
        {
            queued.Fail(error);
        }

        while (_awaiting.TryDequeue(out var sent))
        {
            sent.Fail(error);
        }
    }
}
