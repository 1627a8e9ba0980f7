using System.Data;
using System.Runtime.InteropServices;
using CoordinationService.Model;
using CoordinationService.Txns;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CoordinationService.Log.Postgres;

/// <summary>
/// <see cref="ITransactionLog"/> in PostgreSQL: the cluster mode. Every silo may open one on the same
/// database; the epoch fence holds across all of them because every write that depends on the
/// epoch row-locks the ensemble row inside its own transaction. Commits rely on the server's
/// default <c>synchronous_commit = on</c>: a call returns only after PostgreSQL flushed its WAL.
/// </summary>
/// <remarks>
/// Failures of the database itself are not wrapped: a lost or refused connection surfaces as
/// <see cref="NpgsqlException"/>, an error the server reports as its subclass
/// <see cref="PostgresException"/> (check <see cref="PostgresException.SqlState"/>). The log's own
/// verdicts are <see cref="LogFencedException"/>, <see cref="LogCorruptedException"/>,
/// <see cref="LogCompactedException"/> and <see cref="InvalidOperationException"/>. Each write is one
/// transaction, so it is stored whole or not at all; after an <see cref="NpgsqlException"/> from
/// <see cref="AppendAsync"/> the caller cannot know which, must not acknowledge the batch, and
/// learns the truth by reading the log again.
/// </remarks>
public sealed class PostgresTransactionLog : ITransactionLog
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    private PostgresTransactionLog(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger logger)
    {
        _dataSource = dataSource;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public static Task<PostgresTransactionLog> OpenAsync(PostgresTransactionLogOptions options, CancellationToken ct) =>
        OpenAsync(options, TimeProvider.System, NullLogger<PostgresTransactionLog>.Instance, ct);

    /// <summary>Connects and brings the schema up to date (idempotent, safe with silos starting together).</summary>
    public static async Task<PostgresTransactionLog> OpenAsync(
        PostgresTransactionLogOptions options, TimeProvider timeProvider, ILogger<PostgresTransactionLog> logger, CancellationToken ct)
    {
        LogOpening.ThrowIfInvalid(new PostgresTransactionLogOptionsValidator(), options, timeProvider, logger);

        var dataSource = NpgsqlDataSource.Create(options.ConnectionString);
        try
        {
            await PostgresMigrations.ApplyAsync(dataSource, ct);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }

        return new PostgresTransactionLog(dataSource, timeProvider, logger);
    }

    public Task<EpochStart> BeginEpochAsync(CancellationToken ct) => Guard(BeginEpochCoreAsync(ct));

    /// <remarks>
    /// One round trip: the lock and the conditional insert go as one batch, which PostgreSQL runs
    /// as one implicit transaction committed (and flushed) at its end.
    /// </remarks>
    public Task AppendAsync(long epoch, IReadOnlyList<TxnRecord> txns, CancellationToken ct) => Guard(AppendCoreAsync(epoch, txns, ct));

    public Task<IReadOnlyList<TxnRecord>> ReadAfterAsync(Zxid after, int maxCount, CancellationToken ct) => Guard(ReadAfterCoreAsync(after, maxCount, ct));

    public Task<Zxid> GetLastZxidAsync(CancellationToken ct) => Guard(GetLastZxidCoreAsync(ct));

    public Task SaveSnapshotAsync(Zxid zxid, ReadOnlyMemory<byte> snapshot, CancellationToken ct) => Guard(SaveSnapshotCoreAsync(zxid, snapshot, ct));

    public Task<StoredSnapshot?> LoadLatestSnapshotAsync(CancellationToken ct) => Guard(LoadLatestSnapshotCoreAsync(ct));

    public Task CompactAsync(Zxid upTo, CancellationToken ct) => Guard(CompactCoreAsync(upTo, ct));

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _dataSource.DisposeAsync();
        }
    }

    private async Task<T> Guard<T>(Task<T> operation)
    {
        try
        {
            return await operation;
        }
        catch (NpgsqlException e) when (PostgresFailures.IsConnectionLost(e))
        {
            // The pool's idle connections most likely died with this one (server restart, failover,
            // terminated backends): drop them, so the next call connects afresh instead of failing alike.
            _dataSource.Clear();
            throw;
        }
    }

    private async Task<bool> Guard(Task operation) => await Guard(Completed(operation));

    private static async Task<bool> Completed(Task operation)
    {
        await operation;
        return true;
    }

    private Task<EpochStart> BeginEpochCoreAsync(CancellationToken ct)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        return InLockedTransactionAsync(async (connection, state) =>
        {
            var (start, marker) = state.NextEpoch(now);
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    PostgresCommands.Batch(PostgresLogSql.UpdateEpoch, start.Epoch),
                    PostgresCommands.InsertTxn(marker.Zxid, TxnCodec.Encode(marker)),
                },
            };
            await batch.ExecuteNonQueryAsync(CancellationToken.None);
            return start;
        }, ct);
    }

    private async Task AppendCoreAsync(long epoch, IReadOnlyList<TxnRecord> txns, CancellationToken ct)
    {
        if (!LogOrder.IsAppendWork(epoch, txns))
        {
            return;
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(txns[0]);
        var previous = new Zxid(txns[0].Zxid.Value - 1);
        try
        {
            // The batch must hang together on its own; the store then only has to confirm where it starts.
            LogOrder.CheckAppend(epoch, previous, txns);
        }
        catch (InvalidOperationException)
        {
            // Like the SQLite log, a fenced leader hears it is fenced before anything about its batch.
            (await ReadStateAsync(ct)).CheckAppend(epoch, txns);
            throw;
        }

        var rows = PostgresCommands.EncodeRows(txns);
        ct.ThrowIfCancellationRequested();
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(PostgresLogSql.LockEnsemble),
                PostgresCommands.Batch(PostgresLogSql.AppendIfCurrent, epoch, previous.Value, rows.Zxids, rows.Bodies, rows.Crcs),
            },
        };

        // Not cancelled once sent: the outcome of a cancelled commit would be unknown.
        LogState state;
        long inserted;
        await using (var reader = await batch.ExecuteReaderAsync(CancellationToken.None))
        {
            await reader.NextResultAsync(CancellationToken.None);
            if (!await reader.ReadAsync(CancellationToken.None))
            {
                throw new LogCorruptedException(Zxid.Zero, "the ensemble row is missing");
            }

            state = PostgresCommands.ReadState(reader);
            inserted = reader.GetInt64(3);
        }

        // The reader is closed only once the server reported the commit, so the batch is durable here.
        if (inserted != txns.Count)
        {
            state.CheckAppend(epoch, txns);
            throw new InvalidOperationException($"Append of {txns.Count} txns stored {inserted} although the log accepted it.");
        }
    }

    private async Task<IReadOnlyList<TxnRecord>> ReadAfterCoreAsync(Zxid after, int maxCount, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var command = _dataSource.CreateCommand(PostgresLogSql.SelectTxnsAfter);
        PostgresCommands.Add(command.Parameters, after.Value, (long)maxCount);
        var rows = new List<StoredEntry>(Math.Min(maxCount, 1024));
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                throw new LogCorruptedException(Zxid.Zero, "the ensemble row is missing");
            }

            new LogState(0, new Zxid(reader.GetInt64(0)), Zxid.Zero).CheckReadable(after);
            do
            {
                if (!reader.IsDBNull(1))
                {
                    rows.Add(new StoredEntry(new Zxid(reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2), (uint)reader.GetInt64(3)));
                }
            }
            while (await reader.ReadAsync(ct));
        }

        return LogOrder.VerifyPage(after, rows);
    }

    private async Task<Zxid> GetLastZxidCoreAsync(CancellationToken ct) => (await ReadStateAsync(ct)).Last;

    private async Task SaveSnapshotCoreAsync(Zxid zxid, ReadOnlyMemory<byte> snapshot, CancellationToken ct)
    {
        var data = MemoryMarshal.TryGetArray(snapshot, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : snapshot.ToArray();
        var crc = (long)LogChecksum.Compute(data);

        // The last zxid never goes down, so a check before the upsert stays true: no lock needed,
        // and appends are not held up while a large snapshot travels to the server.
        (await ReadStateAsync(ct)).CheckSnapshot(zxid);
        await using var command = _dataSource.CreateCommand(PostgresLogSql.UpsertSnapshot);
        PostgresCommands.Add(command.Parameters, zxid.Value, data, crc);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    private async Task<StoredSnapshot?> LoadLatestSnapshotCoreAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        // One snapshot of the database for the state and the rows, against a concurrent compaction.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var state = await PostgresCommands.ReadStateAsync(connection, ct);
        var picker = new SnapshotPicker();
        await OfferSnapshotsAsync(connection, picker, state.CompactedTo, state.Last, ct);
        picker.ForRecovery(state);
        await transaction.CommitAsync(ct);
        return _logger.ReportSkipped(picker);
    }

    private Task<bool> CompactCoreAsync(Zxid upTo, CancellationToken ct) => InLockedTransactionAsync(async (connection, state) =>
    {
        // Only an intact snapshot may become the new starting point of recovery.
        var picker = new SnapshotPicker();
        await OfferSnapshotsAsync(connection, picker, state.CompactedTo, upTo, CancellationToken.None);
        if (picker.Picked is not { } baseSnapshot || baseSnapshot.Zxid <= state.CompactedTo)
        {
            return false;
        }

        var floor = baseSnapshot.Zxid.Value;
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                PostgresCommands.Batch(PostgresLogSql.DeleteTxnsUpTo, floor),
                PostgresCommands.Batch(PostgresLogSql.DeleteSnapshotsBelow, floor),
                PostgresCommands.Batch(PostgresLogSql.UpdateCompactedTo, floor),
            },
        };
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
        return true;
    }, ct);

    private async Task<LogState> ReadStateAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        return await PostgresCommands.ReadStateAsync(connection, ct);
    }

    /// <summary>Runs <paramref name="work"/> in a transaction that holds the ensemble row lock, on the state read under it.</summary>
    private async Task<T> InLockedTransactionAsync<T>(Func<NpgsqlConnection, LogState, Task<T>> work, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockRow = new NpgsqlCommand(PostgresLogSql.LockEnsemble, connection))
        {
            await lockRow.ExecuteNonQueryAsync(ct);
        }

        var state = await PostgresCommands.ReadStateAsync(connection, ct);
        // From here on not cancelled: the transaction commits or, on an error, rolls back as a whole.
        var result = await work(connection, state);
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    private static async Task OfferSnapshotsAsync(NpgsqlConnection connection, SnapshotPicker picker, Zxid from, Zxid to, CancellationToken ct)
    {
        await using var select = new NpgsqlCommand(PostgresLogSql.SelectSnapshotsNewestFirst, connection);
        PostgresCommands.Add(select.Parameters, from.Value, to.Value);
        // Sequential access streams each snapshot instead of buffering the whole row first.
        await using var reader = await select.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            var zxid = new Zxid(reader.GetInt64(0));
            var data = await reader.GetFieldValueAsync<byte[]>(1, ct);
            if (picker.Offer(zxid, data, (uint)await reader.GetFieldValueAsync<long>(2, ct)))
            {
                return;
            }
        }
    }
}
