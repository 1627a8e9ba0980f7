using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Threading.Channels;
using CoordinationService.Acl;
using CoordinationService.Front;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Results;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Contracts = CoordinationService.Requests;

namespace CoordinationService.Gateway;

/// <summary>
/// One ZooKeeper client connection: the handshake (or a four-letter word), then requests read as
/// they arrive and run in order in batches, each batch's replies written after every watch event
/// queued for the session so far — so a client sees an event before any reply that reflects its
/// change. Bad input closes this connection only, with one log line.
/// </summary>
public sealed class ZooKeeperConnection
{
    private const int MaxBatch = 256;

    private readonly ConnectionContext _connection;
    private readonly SessionFrontDoor _frontDoor;
    private readonly FourLetterWords _words;
    private readonly GatewayStatistics _statistics;
    private readonly ZooKeeperGatewayOptions _options;
    private readonly ILogger _logger;
    private readonly PipeReader _input;
    private readonly PipeWriter _output;
    private readonly FrameWriter _frames = new();
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Channel<(ZooRequest Request, long Received)> _requests =
        Channel.CreateBounded<(ZooRequest, long)>(new BoundedChannelOptions(4096) { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _closing = new();
    private readonly List<AuthId> _auth = [];
    private readonly string _remote;
    private ConnectionStatistics? _stats;
    private SessionId _session;
    private Guid _attachment;
    private long _ackedEventSeq;
    private volatile bool _closeRequested;

    public ZooKeeperConnection(
        ConnectionContext connection,
        SessionFrontDoor frontDoor,
        FourLetterWords words,
        GatewayStatistics statistics,
        ZooKeeperGatewayOptions options,
        ILogger logger)
    {
        _connection = connection;
        _frontDoor = frontDoor;
        _words = words;
        _statistics = statistics;
        _options = options;
        _logger = logger;
        _input = connection.Transport.Input;
        _output = connection.Transport.Output;
        _remote = connection.RemoteEndPoint?.ToString() ?? "unknown";
        if (connection.RemoteEndPoint is IPEndPoint ip)
        {
            _auth.Add(new AuthId("ip", ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4().ToString() : ip.Address.ToString()));
        }
    }

    public async Task RunAsync()
    {
        _stats = _statistics.Open(_remote);
        try
        {
            if (await HandshakeAsync().ConfigureAwait(false))
            {
                var processing = ProcessAsync();
                var pushing = PushEventsAsync();
                await ReadRequestsAsync().ConfigureAwait(false);
                await processing.ConfigureAwait(false);
                await _closing.CancelAsync().ConfigureAwait(false);
                await pushing.ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is IOException or ConnectionResetException or OperationCanceledException or ObjectDisposedException)
        {
            GatewayLog.Ended(_logger, _remote, exception.Message);
        }
        catch (Exception exception)
        {
            // Whatever one connection sent, it ends that connection only; the session and the tree are untouched.
            GatewayLog.Failed(_logger, exception, _remote);
        }
        finally
        {
            _statistics.Close(_stats);
            await _closing.CancelAsync().ConfigureAwait(false);
            await _input.CompleteAsync().ConfigureAwait(false);
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A four-letter word, or the ConnectRequest; true when a session is established.</summary>
    private async Task<bool> HandshakeAsync()
    {
        var frame = await ReadFirstFrameAsync().ConfigureAwait(false);
        if (frame is null)
        {
            return false;
        }

        ConnectRequest connect;
        try
        {
            connect = JuteCodec.Read<ConnectRequest>(frame);
        }
        catch (JuteFormatException exception)
        {
            GatewayLog.ClosedBadInput(_logger, _remote, "malformed ConnectRequest: " + exception.Message);
            return false;
        }

        _attachment = Guid.NewGuid();
        var response = await EstablishAsync(connect).ConfigureAwait(false);
        if (response is null)
        {
            return false;
        }

        await WriteAsync(output => _frames.WriteRecord(output, response), packets: 1).ConfigureAwait(false);
        return response.SessionId != 0;
    }

    private async Task<byte[]?> ReadFirstFrameAsync()
    {
        while (true)
        {
            var result = await _input.ReadAsync().ConfigureAwait(false);
            var buffer = result.Buffer;
            var first = buffer.Length >= 4 ? buffer.Slice(0, 4).ToArray() : null;
            if (first is not null && FourLetterWords.IsCommand(first))
            {
                var word = Encoding.ASCII.GetString(first);
                _input.AdvanceTo(buffer.GetPosition(4));
                var answer = await _words.AnswerAsync(word).ConfigureAwait(false);
                await _output.WriteAsync(Encoding.ASCII.GetBytes(answer)).ConfigureAwait(false);
                return null;
            }

            try
            {
                if (FrameReader.TryReadFrame(ref buffer, _options.MaxRequestBytes, out var frame))
                {
                    var bytes = frame.ToArray();
                    _input.AdvanceTo(buffer.Start);
                    _statistics.CountReceived(_stats!);
                    return bytes;
                }
            }
            catch (Exception exception) when (exception is FrameTooLargeException or JuteFormatException)
            {
                GatewayLog.ClosedBadInput(_logger, _remote, exception.Message);
                return null;
            }

            if (result.IsCompleted)
            {
                return null;
            }

            _input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>New session or resumed one; null means close without an answer (the client is ahead of this silo).</summary>
    private async Task<ConnectResponse?> EstablishAsync(ConnectRequest connect)
    {
        var catchUp = TimeSpan.FromMilliseconds(_options.CatchUpWaitMs);
        try
        {
            if (connect.SessionId == 0)
            {
                await _frontDoor.Replica.WaitForAppliedAsync(connect.LastZxidSeen).WaitAsync(catchUp).ConfigureAwait(false);
                var handshake = await _frontDoor.OpenAsync(connect.TimeOut, _attachment).ConfigureAwait(false);
                return Established(connect, handshake.Session, handshake.Password, handshake.TimeoutMs);
            }

            var attach = await _frontDoor.AttachAsync(
                new AttachRequest(new SessionId(connect.SessionId), connect.Passwd ?? [], connect.LastZxidSeen, [], _attachment), catchUp).ConfigureAwait(false);
            return attach.Code == ResultCode.Ok
                ? Established(connect, new SessionId(connect.SessionId), connect.Passwd ?? [], attach.TimeoutMs)
                : ConnectResponse.Refused(connect.ReadOnly);
        }
        catch (TimeoutException)
        {
            GatewayLog.ClientAhead(_logger, connect.SessionId, _remote, connect.LastZxidSeen, _frontDoor.Replica.AppliedZxid);
            return null;
        }
    }

    private ConnectResponse Established(ConnectRequest connect, SessionId session, byte[] password, int timeoutMs)
    {
        _session = session;
        _stats!.SessionId = session.Value;
        _stats.TimeoutMs = timeoutMs;
        return new ConnectResponse(0, timeoutMs, session.Value, password, connect.ReadOnly is null ? null : false);
    }

    private async Task ReadRequestsAsync()
    {
        var writer = _requests.Writer;
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                var result = await _input.ReadAsync(_closing.Token).ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    while (FrameReader.TryReadFrame(ref buffer, _options.MaxRequestBytes, out var frame))
                    {
                        _statistics.CountReceived(_stats!);
                        await writer.WriteAsync((ZooRequest.Decode(frame), Stopwatch.GetTimestamp()), _closing.Token).ConfigureAwait(false);
                    }
                }
                catch (Exception exception) when (exception is FrameTooLargeException or JuteFormatException)
                {
                    // ZooKeeper drops the connection without a reply; the session lives on for a reconnect.
                    GatewayLog.ClosedBadInput(_logger, _remote, exception.Message);
                    return;
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            writer.TryComplete();
        }
    }

    private async Task ProcessAsync()
    {
        try
        {
            await ProcessBatchesAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The reader must not wait on a processor that is gone: end the whole connection.
            GatewayLog.Failed(_logger, exception, _remote);
            _connection.Abort(new ConnectionAbortedException("request processing failed"));
        }
        finally
        {
            await _closing.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task ProcessBatchesAsync()
    {
        var reader = _requests.Reader;
        var batch = new List<(ZooRequest Request, long Received)>(MaxBatch);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            var replies = await new WireBatch(this).RunAsync(batch.Select(b => b.Request).ToList()).ConfigureAwait(false);
            await WriteRepliesAsync(replies).ConfigureAwait(false);
            foreach (var (_, received) in batch)
            {
                _statistics.RecordLatency((long)Stopwatch.GetElapsedTime(received).TotalMilliseconds);
            }

            if (replies.Any(r => r.CloseAfter))
            {
                await CloseGracefullyAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Writes what is queued for the session, then the replies, so no reply overtakes an event.</summary>
    private Task WriteRepliesAsync(IReadOnlyList<WireReply> replies) => WriteAsync(output =>
    {
        var events = DrainEvents();
        foreach (var reply in replies)
        {
            _frames.WriteReply(output, reply.Header, reply.Body);
        }

        return events + replies.Count;
    });

    private async Task PushEventsAsync()
    {
        var hub = _frontDoor.Hub;
        var id = _session.Value;
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                await hub.WaitForEventsAsync(id, _attachment, Volatile.Read(ref _ackedEventSeq), TimeSpan.FromSeconds(30), _closing.Token).ConfigureAwait(false);
                if (_closing.IsCancellationRequested)
                {
                    return;
                }

                if (hub.Check(id, _attachment) != SessionStatus.Active && !_closeRequested)
                {
                    // Expired, closed, or taken over by a newer connection: ZooKeeper closes the socket.
                    await WriteAsync(output => DrainEvents()).ConfigureAwait(false);
                    await CloseGracefullyAsync().ConfigureAwait(false);
                    return;
                }

                await WriteAsync(output => DrainEvents()).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            GatewayLog.Ended(_logger, _remote, exception.Message);
        }
    }

    /// <summary>Ends the connection after what was written has been sent (a FIN, not a reset), as ZooKeeper does.</summary>
    private async Task CloseGracefullyAsync()
    {
        await _closing.CancelAsync().ConfigureAwait(false);
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes every queued event as a notification; called under the write lock.</summary>
    private int DrainEvents()
    {
        var events = _frontDoor.Hub.Pending(_session.Value, _attachment, _ackedEventSeq);
        foreach (var e in events)
        {
            _frames.WriteReply(_output, WatcherEvent.Header, ResponseMapping.ToWatcherEvent(e.Event));
            _ackedEventSeq = e.Seq;
        }

        return events.Count;
    }

    private async Task WriteAsync(Func<IBufferWriter<byte>, int> write, int packets = 0)
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var written = write(_output) + packets;
            await _output.FlushAsync().ConfigureAwait(false);
            _statistics.CountSent(_stats!, written);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private Task WriteAsync(Action<IBufferWriter<byte>> write, int packets) => WriteAsync(output => { write(output); return 0; }, packets);

    /// <summary>The requests of one read, run in order against this silo.</summary>
    private sealed class WireBatch(ZooKeeperConnection connection)
    {
        private readonly List<(int Index, ZooRequest Request, Contracts.ClientRequest Contract)> _segment = [];
        private WireReply[] _replies = [];

        public async Task<IReadOnlyList<WireReply>> RunAsync(List<ZooRequest> requests)
        {
            _replies = new WireReply[requests.Count];
            for (var i = 0; i < requests.Count; i++)
            {
                var request = requests[i];
                Contracts.ClientRequest? contract;
                try
                {
                    contract = RequestMapping.ToContract(request);
                }
                catch (ProtocolMappingException mapping)
                {
                    await FlushAsync().ConfigureAwait(false);
                    _replies[i] = WireReply.Error(request.Xid, connection.AppliedZxid, mapping.Code);
                    continue;
                }

                if (contract is not null)
                {
                    if (contract is Contracts.CloseSessionRequest)
                    {
                        // Our own close ends the session before its reply is written: the reply goes first.
                        connection._closeRequested = true;
                    }

                    _segment.Add((i, request, contract));
                    continue;
                }

                await FlushAsync().ConfigureAwait(false);
                _replies[i] = await connection.AnswerDirectlyAsync(request).ConfigureAwait(false);
                if (_replies[i].CloseAfter)
                {
                    return _replies[..(i + 1)];
                }
            }

            await FlushAsync().ConfigureAwait(false);
            return _replies;
        }

        private async Task FlushAsync()
        {
            if (_segment.Count == 0)
            {
                return;
            }

            var results = await connection.RunContractsAsync([.. _segment.Select(s => s.Contract)]).ConfigureAwait(false);
            for (var k = 0; k < _segment.Count; k++)
            {
                var (index, request, contract) = _segment[k];
                var reply = results[k];
                var closes = contract is Contracts.CloseSessionRequest;
                _replies[index] = new WireReply(ResponseMapping.ToReplyHeader(request.Xid, reply), ResponseMapping.ToResponseBody(request, reply), closes);
            }

            _segment.Clear();
        }
    }

    private long AppliedZxid => _frontDoor.Replica.AppliedZxid;

    private async Task<IReadOnlyList<OpReply>> RunContractsAsync(IReadOnlyList<Contracts.ClientRequest> requests)
    {
        try
        {
            return await _frontDoor.RunAsync(_session, 0, requests, _auth).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var lost = OpReply.Error(ResultCode.ConnectionLoss, AppliedZxid);
            return [.. requests.Select(_ => lost)];
        }
    }

    /// <summary>Requests the gateway answers itself rather than through the shared request path.</summary>
    private async Task<WireReply> AnswerDirectlyAsync(ZooRequest request)
    {
        switch (request.Body)
        {
            case EmptyRecord when request.OpCode == OpCode.Ping:
                return new WireReply(new ReplyHeader(Xids.Ping, AppliedZxid, 0), null, false);
            case AuthPacket auth:
                return Authenticate(request.Xid, auth);
            case SetWatchesRequest set:
                _frontDoor.Replica.AddWatches(_session.Value, set.RelativeZxid, WatchesOf(set));
                return new WireReply(new ReplyHeader(request.Xid, AppliedZxid, 0), null, false);
            case WatchTypeRequest check when request.OpCode == OpCode.CheckWatches:
                var has = _frontDoor.Replica.HasWatch(_session.Value, check.Path, (Contracts.WatcherType)check.Type);
                return WireReply.Error(request.Xid, AppliedZxid, has ? ResultCode.Ok : ResultCode.NoWatcher);
            case EmptyRecord when request.OpCode == OpCode.WhoAmI:
                return new WireReply(new ReplyHeader(request.Xid, AppliedZxid, 0), WhoAmI(), false);
            case MultiRequest reads when request.OpCode == OpCode.MultiRead:
                return await MultiReadAsync(request, reads).ConfigureAwait(false);
            case MalformedRequest malformed:
                GatewayLog.ClosedBadInput(_logger, _remote, $"malformed {request.OpCode} request: {malformed.Reason}");
                return new WireReply(new ReplyHeader(request.Xid, AppliedZxid, (int)ResultCode.MarshallingError), null, true);
            default:
                if (request.OpCode == OpCode.Reconfig)
                {
                    // As a ZooKeeper server without dynamic reconfiguration: refused, connection kept.
                    return WireReply.Error(request.Xid, AppliedZxid, ResultCode.ReconfigDisabled);
                }

                GatewayLog.ClosedBadInput(_logger, _remote, $"unsupported opcode {(int)request.OpCode}");
                return new WireReply(new ReplyHeader(request.Xid, -1, (int)ResultCode.Unimplemented), null, true);
        }
    }

    private WireReply Authenticate(int xid, AuthPacket auth)
    {
        if (auth.Scheme == "digest" && DigestAuthentication.TryAuthenticate(auth.Auth, out var id))
        {
            if (!_auth.Contains(id))
            {
                _auth.Add(id);
            }

            return new WireReply(new ReplyHeader(xid, 0, 0), null, false);
        }

        GatewayLog.ClosedBadInput(_logger, _remote, $"authentication failed for scheme '{auth.Scheme}'");
        return new WireReply(new ReplyHeader(xid, 0, (int)ResultCode.AuthFailed), null, true);
    }

    private WhoAmIResponse WhoAmI() =>
        new([.. _auth.Select(a => new ClientInfo(a.Scheme, a.Scheme == "digest" ? a.Id.Split(':')[0] : a.Id))]);

    private async Task<WireReply> MultiReadAsync(ZooRequest request, MultiRequest reads)
    {
        IReadOnlyList<Contracts.ReadRequest> contracts;
        try
        {
            contracts = RequestMapping.ToReads(reads);
        }
        catch (ProtocolMappingException mapping)
        {
            return WireReply.Error(request.Xid, AppliedZxid, mapping.Code);
        }

        var results = await RunContractsAsync(contracts).ConfigureAwait(false);
        var body = ResponseMapping.ToMultiResponse(reads, new MultiResult(results), succeeded: true);
        return new WireReply(new ReplyHeader(request.Xid, AppliedZxid, 0), body, false);
    }

    private static IReadOnlyList<WatchRegistration> WatchesOf(SetWatchesRequest set)
    {
        var watches = new List<WatchRegistration>();
        watches.AddRange(set.DataWatches.Select(p => new WatchRegistration(p, WatchKind.Data)));
        watches.AddRange(set.ExistWatches.Select(p => new WatchRegistration(p, WatchKind.Exist)));
        watches.AddRange(set.ChildWatches.Select(p => new WatchRegistration(p, WatchKind.Child)));
        watches.AddRange((set.PersistentWatches ?? []).Select(p => new WatchRegistration(p, WatchKind.Persistent)));
        watches.AddRange((set.PersistentRecursiveWatches ?? []).Select(p => new WatchRegistration(p, WatchKind.PersistentRecursive)));
        return watches;
    }
}

/// <summary>A reply frame to write, and whether the connection closes after it.</summary>
internal readonly record struct WireReply(ReplyHeader Header, IJuteRecord? Body, bool CloseAfter)
{
    public static WireReply Error(int xid, long zxid, ResultCode code) => new(new ReplyHeader(xid, zxid, (int)code), null, false);
}
