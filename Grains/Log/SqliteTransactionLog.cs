using CoordinationService.Model;
using CoordinationService.Txns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CoordinationService.Log;

/// <summary>
/// <see cref="ITransactionLog"/> in one SQLite file (WAL, synchronous=FULL): the embedded default.
/// Several instances, in one process or several, may share the file; the epoch fence holds
/// across all of them because every write takes the file's write lock first.
/// </summary>
public sealed class SqliteTransactionLog : ITransactionLog
{
    private readonly SqliteLogStore _store;
    private readonly SqliteWalCheckpointer _checkpointer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    // One call at a time on the single connection; waiting here is async, never a blocked thread.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _disposed;

    private SqliteTransactionLog(SqliteLogStore store, SqliteWalCheckpointer checkpointer, TimeProvider timeProvider, ILogger logger)
    {
        _store = store;
        _checkpointer = checkpointer;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public static Task<SqliteTransactionLog> OpenAsync(SqliteTransactionLogOptions options, CancellationToken ct) =>
        OpenAsync(options, TimeProvider.System, NullLogger<SqliteTransactionLog>.Instance, ct);

    /// <summary>Opens (creating if needed) the database file and its schema.</summary>
    public static async Task<SqliteTransactionLog> OpenAsync(
        SqliteTransactionLogOptions options, TimeProvider timeProvider, ILogger<SqliteTransactionLog> logger, CancellationToken ct)
    {
        LogOpening.ThrowIfInvalid(new SqliteTransactionLogOptionsValidator(), options, timeProvider, logger);

        var store = await Task.Run(() => SqliteLogStore.Open(options), ct);
        try
        {
            return new SqliteTransactionLog(store, SqliteWalCheckpointer.Start(SqliteLogStore.ConnectionString(options)), timeProvider, logger);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    public Task<EpochStart> BeginEpochAsync(CancellationToken ct)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return RunAsync(store => store.BeginEpoch(now), ct);
    }

    /// <remarks><paramref name="txns"/> is read on another thread: do not change it until the task completes.</remarks>
    public Task AppendAsync(long epoch, IReadOnlyList<TxnRecord> txns, CancellationToken ct)
    {
        return !LogOrder.IsAppendWork(epoch, txns) ? Task.CompletedTask : RunAsync(store => { store.Append(epoch, txns); return true; }, ct);
    }

    public Task<IReadOnlyList<TxnRecord>> ReadAfterAsync(Zxid after, int maxCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return RunAsync(store => store.ReadAfter(after, maxCount), ct);
    }

    public Task<Zxid> GetLastZxidAsync(CancellationToken ct) => RunAsync(store => store.GetLastZxid(), ct);

    public Task SaveSnapshotAsync(Zxid zxid, ReadOnlyMemory<byte> snapshot, CancellationToken ct) =>
        RunAsync(store => { store.SaveSnapshot(zxid, snapshot); return true; }, ct);

    public async Task<StoredSnapshot?> LoadLatestSnapshotAsync(CancellationToken ct)
    {
        var picker = await RunAsync(store => store.LoadLatestSnapshot(), ct);
        return _logger.ReportSkipped(picker);
    }

    public Task CompactAsync(Zxid upTo, CancellationToken ct) =>
        RunAsync(store => { store.Compact(upTo); return true; }, ct);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (!_disposed)
            {
                _disposed = true;
                await _checkpointer.DisposeAsync();
                _store.Dispose();
            }
        }
        finally
        {
            // Not disposed itself: callers still queued on it must wake up and see _disposed.
            _gate.Release();
        }
    }

    private async Task<T> RunAsync<T>(Func<SqliteLogStore, T> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ct.ThrowIfCancellationRequested();
            // SQLite blocks its thread (fsync included): keep that off the caller's, which may be a
            // grain scheduler. Once started the work is not cancelled, so no store transaction is
            // abandoned halfway.
            return await Task.Run(() => work(_store), CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }
    }
}
