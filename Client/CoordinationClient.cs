using System.Runtime.CompilerServices;
using System.Threading.Channels;
using CoordinationService.Client.Session;
using CoordinationService.Errors;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Watches;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CoordinationService.Client;

/// <summary>
/// A ZooKeeper-style session over the Orleans client. Requests complete in the order issued; a watch
/// event reaches its watcher before any reply that reflects the change. Watchers run on the session's
/// single event thread and must not block.
/// </summary>
public sealed partial class CoordinationClient : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly SessionContext _session;
    private readonly WatchRegistry _registry = new();
    private readonly EventDispatcher _dispatcher;
    private readonly RequestPipeline _pipeline;
    private readonly PollLoop _pollLoop;
    private readonly TimeSpan _requestTimeout;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<PendingRequest> _abandoned;
    private Task _sending = Task.CompletedTask;
    private Task _polling = Task.CompletedTask;
    private int _closing;

    private CoordinationClient(IGrainFactory grains, CoordinationClientOptions options, OpenedSession opened, TimeProvider time, ILogger logger)
    {
        _grains = grains;
        _logger = logger;
        _abandoned = OnAbandoned;
        _requestTimeout = options.RequestTimeout;
        _session = new SessionContext(
            opened.Id, opened.Password, opened.TimeoutMs, opened.Zxid, opened.Connection, time, logger, OnStateChanged, OnEnded);
        _dispatcher = new EventDispatcher(_registry, _session.ObserveZxid, logger);
        _dispatcher.Reset(opened.Connection.Attachment);
        var reconnector = new Reconnector(grains, _session, _registry, _dispatcher, options, logger);
        _pipeline = new RequestPipeline(
            _session, new BatchSender(_session, reconnector, _registry, _dispatcher, logger), options.MaxBatchSize);
        _pollLoop = new PollLoop(_session, reconnector, _dispatcher, logger);
    }

    /// <summary>Raised on every state change, after the change; handlers must not block.</summary>
    public event EventHandler<SessionStateChangedEventArgs>? StateChanged;

    public SessionId SessionId => _session.Id;

    public byte[] Password => _session.Password;

    public TimeSpan NegotiatedTimeout => TimeSpan.FromMilliseconds(_session.TimeoutMs);

    public long LastZxidSeen => _session.LastZxidSeen;

    public SessionState State => _session.State;

    /// <summary>What another client needs to resume this session (<see cref="CoordinationClientOptions.ResumeSession"/>).</summary>
    public SessionResumeInfo ResumeInfo => new(SessionId, Password, LastZxidSeen);

    public static Task<CoordinationClient> ConnectAsync(
        IGrainFactory grains, CoordinationClientOptions options, CancellationToken cancellationToken = default) =>
        ConnectAsync(grains, options, loggerFactory: null, timeProvider: null, cancellationToken);

    /// <summary>Opens a session (or resumes <see cref="CoordinationClientOptions.ResumeSession"/>) through
    /// <paramref name="grains"/>: an external cluster client, or a silo's own grain factory.</summary>
    public static async Task<CoordinationClient> ConnectAsync(
        IGrainFactory grains,
        CoordinationClientOptions options,
        ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        ArgumentNullException.ThrowIfNull(options);
        var validation = new CoordinationClientOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(CoordinationClientOptions), validation.Failures);
        }

        var time = timeProvider ?? TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<CoordinationClient>();
        var opened = await SessionOpener.OpenAsync(grains, options, time, cancellationToken).ConfigureAwait(false);
        var client = new CoordinationClient(grains, options, opened, time, logger);
        client.Start();
        return client;
    }

    /// <summary>Creates a node; returns its final path (with the sequential suffix, if any).</summary>
    public Task<string> CreateAsync(
        string path,
        byte[] data,
        CreateMode mode = CreateMode.Persistent,
        IReadOnlyList<AclEntry>? acl = null,
        TimeSpan? ttl = null,
        CancellationToken cancellationToken = default) =>
        Send(CreateRequestFor(path, data, mode, acl, ttl), null, r => Expect<CreateResult>(r, path).Path, cancellationToken);

    /// <summary>ZooKeeper's create2: the final path and the new node's Stat.</summary>
    public Task<CreateResult> CreateWithStatAsync(
        string path,
        byte[] data,
        CreateMode mode = CreateMode.Persistent,
        IReadOnlyList<AclEntry>? acl = null,
        TimeSpan? ttl = null,
        CancellationToken cancellationToken = default) =>
        Send(CreateRequestFor(path, data, mode, acl, ttl), null, r => Expect<CreateResult>(r, path), cancellationToken);

    public Task DeleteAsync(string path, int version = -1, CancellationToken cancellationToken = default) =>
        Send(new DeleteRequest(path, version), null, r => ExpectOk(r, path), cancellationToken);

    /// <summary>The node's Stat, or null when it does not exist. A watcher is set either way
    /// (it then fires on NodeCreated, NodeDeleted or NodeDataChanged, once).</summary>
    public Task<Stat?> ExistsAsync(string path, Action<WatchEvent>? watcher = null, CancellationToken cancellationToken = default) =>
        Send(
            new ExistsRequest(path, watcher is not null),
            Watch(path, WatchKind.Exist, watcher),
            r => r.Code == ResultCode.NoNode ? null : Expect<StatResult>(r, path).Stat,
            cancellationToken);

    public Task<NodeData> GetDataAsync(string path, Action<WatchEvent>? watcher = null, CancellationToken cancellationToken = default) =>
        Send(
            new GetDataRequest(path, watcher is not null),
            Watch(path, WatchKind.Data, watcher),
            r =>
            {
                var result = Expect<DataResult>(r, path);
                return new NodeData(result.Data, result.Stat, _session.State == SessionState.ConnectedReadOnly);
            },
            cancellationToken);

    public Task<Stat> SetDataAsync(string path, byte[] data, int version = -1, CancellationToken cancellationToken = default) =>
        Send(new SetDataRequest(path, data, version), null, r => Expect<StatResult>(r, path).Stat, cancellationToken);

    public Task<Children> GetChildrenAsync(string path, Action<WatchEvent>? watcher = null, CancellationToken cancellationToken = default) =>
        Send(
            new GetChildrenRequest(path, watcher is not null),
            Watch(path, WatchKind.Child, watcher),
            r =>
            {
                var result = Expect<ChildrenResult>(r, path);
                return new Children(result.Children, result.Stat, _session.State == SessionState.ConnectedReadOnly);
            },
            cancellationToken);

    public Task<int> GetAllChildrenNumberAsync(string path, CancellationToken cancellationToken = default) =>
        Send(new GetAllChildrenNumberRequest(path), null, r => Expect<CountResult>(r, path).Count, cancellationToken);

    /// <summary>This session's ephemeral nodes whose path starts with <paramref name="prefix"/>.</summary>
    public Task<IReadOnlyList<string>> GetEphemeralsAsync(string prefix = "/", CancellationToken cancellationToken = default) =>
        Send(new GetEphemeralsRequest(prefix), null, r => Expect<PathsResult>(r, prefix).Paths, cancellationToken);

    public Task<AclResult> GetAclAsync(string path, CancellationToken cancellationToken = default) =>
        Send(new GetAclRequest(path), null, r => Expect<AclResult>(r, path), cancellationToken);

    public Task<Stat> SetAclAsync(string path, IReadOnlyList<AclEntry> acl, int version = -1, CancellationToken cancellationToken = default) =>
        Send(new SetAclRequest(path, acl, version), null, r => Expect<StatResult>(r, path).Stat, cancellationToken);

    /// <summary>Runs the ops atomically; returns one reply per op. Throws <see cref="MultiFailedException"/>
    /// (with every op's reply) when the multi was refused.</summary>
    public Task<IReadOnlyList<OpReply>> MultiAsync(IReadOnlyList<WriteRequest> ops, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ops);
        return Send(new MultiRequest(ops), null, r => MultiResults(r, ops), cancellationToken);
    }

    /// <summary>
    /// Proves an identity for this session (ZooKeeper's addAuthInfo): scheme "digest" with
    /// "user:password" bytes. Nodes whose ACL names that identity become accessible; the client
    /// proves it again by itself whenever the session moves to another silo.
    /// </summary>
    public Task AddAuthAsync(string scheme, byte[] auth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(auth);
        var credential = new AddAuthRequest(scheme, auth);
        return Send(credential, null, r =>
        {
            ExpectOk(r, null);
            _session.Remember(credential);
            return true;
        }, cancellationToken);
    }

    /// <summary>Waits until the silo serving this session has caught up with the leader as of this call.</summary>
    public Task SyncAsync(string path, CancellationToken cancellationToken = default) =>
        Send(new SyncRequest(path), null, r => ExpectOk(r, path), cancellationToken);

    /// <summary>Adds a persistent (optionally recursive) watch; <paramref name="watcher"/> sees every
    /// matching event until the watch is removed.</summary>
    public Task AddWatchAsync(string path, AddWatchMode mode, Action<WatchEvent> watcher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        return AddWatch(path, mode, watcher, ended: null, cancellationToken);
    }

    /// <summary>Removes this session's watches of <paramref name="type"/> on <paramref name="path"/>;
    /// their watchers get the matching *WatchRemoved event.</summary>
    public Task RemoveWatchesAsync(string path, WatcherType type, CancellationToken cancellationToken = default) =>
        Send(
            new RemoveWatchesRequest(path, type),
            null,
            r =>
            {
                ExpectOk(r, path);
                _dispatcher.NotifyRemoved(_registry.Remove(path, type), path, r.Zxid);
                return true;
            },
            cancellationToken);

    /// <summary>A persistent watch as a stream: yields events until <paramref name="cancellationToken"/>
    /// is cancelled, then removes the watch. Ends with <see cref="SessionExpiredException"/> if the session expires.</summary>
    public async IAsyncEnumerable<WatchEvent> WatchAsync(
        string path, AddWatchMode mode, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        var entry = await AddWatch(
            path, mode, e => events.Writer.TryWrite(e), reason => events.Writer.TryComplete(reason), cancellationToken).ConfigureAwait(false);
        try
        {
            await foreach (var watchEvent in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return watchEvent;
            }
        }
        finally
        {
            await StopWatchingAsync(entry).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the session: the server deletes its ephemerals. Calls after this fail with SessionExpired.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closing, 1) == 1)
        {
            await _closed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            if (!_session.IsEnded)
            {
                var closing = Send(new CloseSessionRequest(), null, r => r, cancellationToken);
                _pipeline.Seal();
                try
                {
                    await closing.ConfigureAwait(false);
                }
                catch (CoordinationException)
                {
                    // Closing regardless: an unreachable or already expired session ends here too.
                }
            }
        }
        finally
        {
            _session.End(SessionState.Closed);
            await Task.WhenAll(_sending, _polling).ConfigureAwait(false);
            _closed.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Start()
    {
        _sending = Task.Run(_pipeline.RunAsync);
        _polling = Task.Run(_pollLoop.RunAsync);
    }

    private Task<WatchEntry> AddWatch(
        string path, AddWatchMode mode, Action<WatchEvent> watcher, Action<Exception?>? ended, CancellationToken cancellationToken)
    {
        var kind = mode == AddWatchMode.PersistentRecursive ? WatchKind.PersistentRecursive : WatchKind.Persistent;
        var entry = _registry.AddPending(path, kind, watcher, ended);
        return Send(
            new AddWatchRequest(path, mode),
            entry,
            r =>
            {
                ExpectOk(r, path);
                return entry;
            },
            cancellationToken);
    }

    private async Task StopWatchingAsync(WatchEntry entry)
    {
        _registry.Discard(entry);
        if (_session.IsEnded || _registry.HasAny(entry.Path))
        {
            // The server's watch is per path and session: keep it while another watcher here still uses it.
            return;
        }

        try
        {
            await Send(new RemoveWatchesRequest(entry.Path, WatcherType.Any), null, r => r, CancellationToken.None).ConfigureAwait(false);
        }
        catch (CoordinationException)
        {
            // The session ended meanwhile: nothing left to remove.
        }
    }

    private WatchEntry? Watch(string path, WatchKind kind, Action<WatchEvent>? watcher) =>
        watcher is null ? null : _registry.AddPending(path, kind, watcher);

    private Task<T> Send<T>(ClientRequest request, WatchEntry? watch, Func<OpReply, T> map, CancellationToken cancellationToken)
    {
        var pending = new PendingRequest<T>(request, watch, map, _abandoned);
        pending.Arm(_requestTimeout, _session.Time, cancellationToken);
        _pipeline.Enqueue(pending);
        return pending.Task;
    }

    private void OnAbandoned(PendingRequest pending)
    {
        // Not sent yet: it never will be. Already sent: its reply is ignored, its watcher dropped.
        if (pending.Watch is { } watch)
        {
            _registry.Discard(watch);
        }
    }

    private static CreateRequest CreateRequestFor(
        string path, byte[] data, CreateMode mode, IReadOnlyList<AclEntry>? acl, TimeSpan? ttl) =>
        new(path, data, acl ?? AclEntry.OpenUnsafe, mode, (long)(ttl?.TotalMilliseconds ?? 0));

    private static IReadOnlyList<OpReply> MultiResults(OpReply reply, IReadOnlyList<WriteRequest> ops)
    {
        if (reply.IsOk)
        {
            return Expect<MultiResult>(reply, null).Results;
        }

        if (reply.Result is MultiResult failed)
        {
            var index = MultiFailedException.IndexOfFirstError(failed.Results);
            var path = index >= 0 && index < ops.Count ? RequestPaths.Of(ops[index]) : null;
            throw new MultiFailedException(reply.Code, failed.Results, path);
        }

        throw CoordinationException.From(reply.Code);
    }

    private static bool ExpectOk(OpReply reply, string? path) =>
        reply.IsOk ? true : throw CoordinationException.From(reply.Code, path);

    private static T Expect<T>(OpReply reply, string? path)
        where T : OpResult
    {
        ExpectOk(reply, path);
        return reply.Result as T ?? throw new CoordinationException(
            ResultCode.MarshallingError, path, $"Expected a {typeof(T).Name}, got {reply.Result?.GetType().Name ?? "nothing"}");
    }

    private void OnStateChanged(SessionState previous, SessionState current)
    {
        try
        {
            StateChanged?.Invoke(this, new SessionStateChangedEventArgs(previous, current));
        }
        catch (Exception ex)
        {
            Log.StateHandlerFailed(_logger, ex);
        }
    }

    private void OnEnded()
    {
        _pipeline.FailQueued();
        _dispatcher.EndAll(_session.State == SessionState.Closed ? null : _session.EndedException());
    }
}
