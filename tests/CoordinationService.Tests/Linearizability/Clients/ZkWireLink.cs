using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using CoordinationService.Gateway.Protocol;

namespace CoordinationService.Tests.Linearizability.Clients;

/// <summary>
/// One TCP connection of a ZooKeeper session: the handshake, then requests written in order and their
/// replies matched by xid in that same order (a server answers a connection's requests in order), with
/// notifications (xid -1) handed to <see cref="Notified"/>. When anything goes wrong the link is dead
/// for good: every request in flight fails with <see cref="LinkLostException"/>, and the session opens
/// a new link.
/// </summary>
internal sealed class ZkWireLink : IAsyncDisposable
{
    private const int MaxReplyBytes = 16 << 20;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly PipeReader _input;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentQueue<(int Xid, TaskCompletionSource<(ReplyHeader Header, byte[] Body)> Reply)> _awaiting = new();
    private readonly FrameWriter _frames = new();
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private int _nextXid = 1;
    private volatile bool _dead;

    private ZkWireLink(Socket socket, NetworkStream stream, IPEndPoint server, ConnectResponse session)
    {
        _socket = socket;
        _stream = stream;
        _input = PipeReader.Create(stream);
        Server = server;
        Session = session;
    }

    public IPEndPoint Server { get; }

    public ConnectResponse Session { get; }

    public bool IsDead => _dead;

    /// <summary>Raised on the receive loop for every watch notification: (event type, path).</summary>
    public event Action<int, string>? Notified;

    /// <summary>Connects and shakes hands; null when the server refused the session (expired, unknown, wrong password).</summary>
    public static async Task<ZkWireLink?> ConnectAsync(IPEndPoint server, ConnectRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        var stream = (NetworkStream?)null;
        try
        {
            await socket.ConnectAsync(server, deadline.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            var frames = new FrameWriter();
            var output = new ArrayBufferWriter<byte>();
            frames.WriteRecord(output, request);
            await stream.WriteAsync(output.WrittenMemory, deadline.Token);
            var response = await ReadConnectResponseAsync(stream, deadline.Token);
            if (response.SessionId == 0 || response.TimeOut <= 0)
            {
                await stream.DisposeAsync();
                return null;
            }

            var link = new ZkWireLink(socket, stream, server, response);
            link._receiving = Task.Run(link.ReceiveAsync, CancellationToken.None);
            return link;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or JuteFormatException)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
            else
            {
                socket.Dispose();
            }

            throw new LinkLostException($"no session through {server}: {e.Message}");
        }
    }

    /// <summary>Writes one request; the task completes with its reply header and body, or fails when the link dies.</summary>
    public async Task<(ReplyHeader Header, byte[] Body)> SendAsync(OpCode op, IJuteRecord? body)
    {
        var reply = new TaskCompletionSource<(ReplyHeader, byte[])>(TaskCreationOptions.RunContinuationsAsynchronously);
        await _sendLock.WaitAsync();
        try
        {
            if (_dead)
            {
                throw new LinkLostException("link closed");
            }

            var xid = op == OpCode.Ping ? Xids.Ping : _nextXid++;
            var writer = _frames.Begin();
            new RequestHeader(xid, (int)op).Write(writer);
            body?.Write(writer);
            var output = new ArrayBufferWriter<byte>();
            _frames.CopyTo(output);
            if (op != OpCode.Ping)
            {
                // Queued before the bytes leave, so the reply can never arrive ahead of its entry.
                _awaiting.Enqueue((xid, reply));
            }
            else
            {
                reply.TrySetResult((default, []));
            }

            await _stream.WriteAsync(output.WrittenMemory, _stop.Token);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            Kill($"send failed: {e.Message}");
        }
        finally
        {
            _sendLock.Release();
        }

        return await reply.Task;
    }

    /// <summary>Ends the link: what is in flight fails, the socket closes (the session lives on in the server).</summary>
    public void Kill(string why)
    {
        if (_dead)
        {
            return;
        }

        _dead = true;
        _stop.Cancel();
        try
        {
            _socket.Close();
        }
        catch (ObjectDisposedException)
        {
        }

        var error = new LinkLostException(why);
        while (_awaiting.TryDequeue(out var waiting))
        {
            waiting.Reply.TrySetException(error);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill("disposed");
        await _receiving;
        await _stream.DisposeAsync();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    private static async Task<ConnectResponse> ReadConnectResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var prefix = new byte[4];
        await stream.ReadExactlyAsync(prefix, cancellationToken);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(prefix);
        if (length is < 0 or > 1024)
        {
            throw new JuteFormatException($"handshake reply of {length} bytes");
        }

        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return JuteCodec.Read<ConnectResponse>(body.AsSpan());
    }

    private async Task ReceiveAsync()
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
                    Kill("the server closed the connection");
                    return;
                }
            }
        }
        catch (Exception e)
        {
            Kill($"receive failed: {e.Message}");
        }
        finally
        {
            await _input.CompleteAsync();
        }
    }

    private void Dispatch(ReadOnlySequence<byte> frame)
    {
        var header = JuteCodec.Read<ReplyHeader>(frame.Slice(0, ReplyHeader.Size));
        var body = frame.Slice(ReplyHeader.Size).ToArray();
        switch (header.Xid)
        {
            case Xids.Ping:
                return;
            case Xids.Notification:
                var notification = JuteCodec.Read<WatcherEvent>(body.AsSpan());
                Notified?.Invoke(notification.Type, notification.Path);
                return;
        }

        if (!_awaiting.TryDequeue(out var waiting) || waiting.Xid != header.Xid)
        {
            Kill($"reply xid {header.Xid} does not match the oldest request in flight");
            return;
        }

        waiting.Reply.TrySetResult((header, body));
    }
}

/// <summary>The connection broke (or never came up): whatever was in flight on it has an unknown outcome.</summary>
internal sealed class LinkLostException(string message) : Exception(message);
