using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using CoordinationService.Gateway.Protocol;

namespace CoordinationService.Tests.Faults;

/// <summary>A reply as it came off the wire: the header's err and zxid, and the body's bytes (empty when err is set).</summary>
internal sealed record ZkWireReply(int Err, long Zxid, byte[] Body)
{
    public T Read<T>()
        where T : IJuteRecord<T> => JuteCodec.Read<T>(Body);
}

/// <summary>The connection broke (or never came up): nothing is known about requests in flight on it.</summary>
internal sealed class ZkConnectionLostException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// One TCP connection of a ZooKeeper-protocol client, pipelined: requests go out in the order they
/// are queued and ZooKeeper answers a connection's requests in that order, so replies are matched
/// to requests through a FIFO. Pings keep an idle connection's session alive. Client side only,
/// built on the gateway's own jute records.
/// </summary>
internal sealed class ZkWireConnection : IAsyncDisposable
{
    private const int MaxReplyBytes = 64 << 20;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly Channel<Call> _outgoing = Channel.CreateUnbounded<Call>();
    private readonly ConcurrentQueue<Call> _awaiting = new();
    private readonly FrameWriter _frames = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeSpan _pingAfter;
    private readonly TimeSpan _readTimeout;
    private readonly Task _loops;
    private long _lastSent = Stopwatch.GetTimestamp();
    private long _lastReceived = Stopwatch.GetTimestamp();
    private int _nextXid = 1;
    private volatile Exception? _failure;

    private ZkWireConnection(Socket socket, NetworkStream stream, PipeReader input, PipeWriter output, ConnectResponse response)
    {
        _socket = socket;
        _stream = stream;
        _input = input;
        _output = output;
        Response = response;
        // As ZooKeeper's ClientCnxn: ping when nothing was sent for a third of the session timeout,
        // and give the connection up when nothing came back for two thirds of it.
        _pingAfter = TimeSpan.FromMilliseconds(Math.Max(100, response.TimeOut / 3));
        _readTimeout = TimeSpan.FromMilliseconds(Math.Max(300, response.TimeOut * 2 / 3));
        _loops = Task.WhenAll(Task.Run(SendLoopAsync), Task.Run(ReceiveLoopAsync), Task.Run(PingLoopAsync));
    }

    public ConnectResponse Response { get; }

    public bool IsBroken => _failure is not null;

    /// <summary>
    /// Connects and sends <paramref name="request"/> (a new session, or the resumption of one). The
    /// answer may refuse the session (timeout 0); the server may also close without answering (it
    /// has not yet seen what the client has): that is a lost connection.
    /// </summary>
    public static async Task<ZkWireConnection> ConnectAsync(IPEndPoint server, ConnectRequest request, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        NetworkStream? stream = null;
        try
        {
            await socket.ConnectAsync(server, deadline.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            var input = PipeReader.Create(stream);
            var output = PipeWriter.Create(stream);
            new FrameWriter().WriteRecord(output, request);
            await output.FlushAsync(deadline.Token);
            var response = await ReadConnectResponseAsync(input, deadline.Token);
            return new ZkWireConnection(socket, stream, input, output, response);
        }
        catch (Exception e)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw e is ZkConnectionLostException ? e : new ZkConnectionLostException($"handshake with {server} failed: {e.Message}", e);
        }
    }

    /// <summary>Queues a request; completes with its reply, or fails with <see cref="ZkConnectionLostException"/>.</summary>
    public Task<ZkWireReply> CallAsync(OpCode op, IJuteRecord? body)
    {
        var call = new Call(op, body);
        if (_failure is not null || !_outgoing.Writer.TryWrite(call))
        {
            return Task.FromException<ZkWireReply>(_failure ?? new ZkConnectionLostException("connection closed"));
        }

        return call.Reply.Task;
    }

    public async ValueTask DisposeAsync()
    {
        Fail(new ZkConnectionLostException("connection closed by the client"));
        try
        {
            await _loops;
        }
        catch (Exception)
        {
            // The loops end by cancellation or by the socket closing; Fail has recorded why.
        }

        await _stream.DisposeAsync();
        _socket.Dispose();
        _stop.Dispose();
    }

    private static async Task<ConnectResponse> ReadConnectResponseAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
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
                throw new ZkConnectionLostException("the server closed the connection during the handshake");
            }
        }
    }

    private async Task SendLoopAsync()
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(_stop.Token))
            {
                while (_outgoing.Reader.TryRead(out var call))
                {
                    var xid = call.Op == OpCode.Ping ? Xids.Ping : _nextXid++;
                    var writer = _frames.Begin();
                    new RequestHeader(xid, (int)call.Op).Write(writer);
                    call.Body?.Write(writer);
                    _frames.CopyTo(_output);
                    call.Xid = xid;
                    if (call.Op != OpCode.Ping)
                    {
                        // Queued before the flush, so its reply can never arrive ahead of it.
                        _awaiting.Enqueue(call);
                    }
                }

                if (_failure is not null)
                {
                    break;
                }

                Volatile.Write(ref _lastSent, Stopwatch.GetTimestamp());
                var flushed = await _output.FlushAsync(_stop.Token);
                if (flushed.IsCompleted)
                {
                    throw new ZkConnectionLostException("the server stopped reading");
                }
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
        finally
        {
            // This loop is the only one that queues calls: once it stops, nothing can be stranded.
            FailQueued();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync(_stop.Token);
                var buffer = result.Buffer;
                while (FrameReader.TryReadFrame(ref buffer, MaxReplyBytes, out var frame))
                {
                    Dispatch(frame);
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    throw new ZkConnectionLostException("the server closed the connection");
                }
            }
        }
        catch (Exception e)
        {
            Fail(e);
        }
    }

    private void Dispatch(ReadOnlySequence<byte> frame)
    {
        var header = JuteCodec.Read<ReplyHeader>(frame.Slice(0, ReplyHeader.Size));
        Volatile.Write(ref _lastReceived, Stopwatch.GetTimestamp());
        if (header.Xid is Xids.Ping or Xids.Notification)
        {
            return;
        }

        if (!_awaiting.TryDequeue(out var call) || call.Xid != header.Xid)
        {
            throw new ZkConnectionLostException($"reply xid {header.Xid} does not match the oldest request in flight ({call?.Xid})");
        }

        call.Reply.TrySetResult(new ZkWireReply(header.Err, header.Zxid, frame.Slice(ReplyHeader.Size).ToArray()));
    }

    private async Task PingLoopAsync()
    {
        try
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var silent = Stopwatch.GetElapsedTime(Volatile.Read(ref _lastReceived));
                if (silent > _readTimeout)
                {
                    Fail(new ZkConnectionLostException($"nothing received for {silent.TotalSeconds:F1} s"));
                    return;
                }

                if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastSent)) >= _pingAfter)
                {
                    _outgoing.Writer.TryWrite(new Call(OpCode.Ping, null));
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Fail(Exception reason)
    {
        var failure = reason as ZkConnectionLostException ?? new ZkConnectionLostException(reason.Message, reason);
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }

        _outgoing.Writer.TryComplete();
        _stop.Cancel();
        // The socket goes now, so the receive loop wakes up even while it waits for bytes.
        _socket.Close();
        FailQueued();
    }

    private void FailQueued()
    {
        var failure = _failure ?? new ZkConnectionLostException("connection closed");
        while (_outgoing.Reader.TryRead(out var queued))
        {
            queued.Reply.TrySetException(failure);
        }

        while (_awaiting.TryDequeue(out var sent))
        {
            sent.Reply.TrySetException(failure);
        }
    }

    private sealed class Call(OpCode op, IJuteRecord? body)
    {
        public OpCode Op { get; } = op;

        public IJuteRecord? Body { get; } = body;

        public int Xid { get; set; }

        public TaskCompletionSource<ZkWireReply> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
