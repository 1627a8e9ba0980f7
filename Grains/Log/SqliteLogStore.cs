using System.Runtime.InteropServices;
using CoordinationService.Model;
using CoordinationService.Txns;
using Microsoft.Data.Sqlite;

namespace CoordinationService.Log;

/// <summary>
/// The synchronous SQLite side of <see cref="SqliteTransactionLog"/>: one connection, prepared
/// commands reused across calls. Not thread-safe; its owner serialises every call.
/// </summary>
internal sealed class SqliteLogStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _beginWrite;
    private readonly SqliteCommand _beginRead;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _selectState;
    private readonly SqliteCommand _insertTxn;
    private readonly SqliteCommand _selectTxnsAfter;

    private SqliteLogStore(SqliteConnection connection)
    {
        _connection = connection;
        // IMMEDIATE takes the file's write lock up front, so the epoch read and the insert that
        // depends on it cannot interleave with another connection's epoch change.
        _beginWrite = Command("BEGIN IMMEDIATE");
        _beginRead = Command("BEGIN DEFERRED");
        _commit = Command("COMMIT");
        _rollback = Command("ROLLBACK");
        _selectState = Command(SqliteLogSchema.SelectState);
        _insertTxn = Command(SqliteLogSchema.InsertTxn, "$zxid", "$body", "$crc");
        _selectTxnsAfter = Command(SqliteLogSchema.SelectTxnsAfter, "$after", "$limit");
    }

    public static SqliteLogStore Open(SqliteTransactionLogOptions options)
    {
        var connectionString = ConnectionString(options);
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}");
            var mode = Execute(connection, "PRAGMA journal_mode = WAL");
            if (!string.Equals(mode as string, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"SQLite refused WAL journal mode for {options.DatabasePath} (got {mode}).");
            }

            // FULL: in WAL mode every commit is fsync'd, so an acknowledged append survives power loss.
            Execute(connection, "PRAGMA synchronous = FULL");
            // Checkpoints run beside the appends (SqliteWalCheckpointer), never inside one.
            Execute(connection, "PRAGMA wal_autocheckpoint = 0");
            using (var schema = connection.CreateCommand())
            {
                schema.CommandText = "BEGIN IMMEDIATE;" + SqliteLogSchema.Create + "COMMIT;";
                schema.ExecuteNonQuery();
            }

            return new SqliteLogStore(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static string ConnectionString(SqliteTransactionLogOptions options) => new SqliteConnectionStringBuilder
    {
        DataSource = options.DatabasePath,
        Mode = SqliteOpenMode.ReadWriteCreate,
        // One long-lived connection per log instance; a pool would only keep the file open after dispose.
        Pooling = false,
        DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
    }.ToString();

    public EpochStart BeginEpoch(long timeMs) => InWriteTransaction(() =>
    {
        var (start, marker) = ReadState().NextEpoch(timeMs);
        using (var update = Command(SqliteLogSchema.UpdateEpoch, "$epoch"))
        {
            update.Parameters[0].Value = start.Epoch;
            update.ExecuteNonQuery();
        }

        Insert(marker.Zxid, TxnCodec.Encode(marker));
        return start;
    });

    public void Append(long epoch, IReadOnlyList<TxnRecord> txns)
    {
        // Encoded before the write lock is taken, to hold it no longer than the inserts and the fsync.
        var bodies = new byte[txns.Count][];
        for (var i = 0; i < bodies.Length; i++)
        {
            bodies[i] = TxnCodec.Encode(txns[i]);
        }

        InWriteTransaction(() =>
        {
            ReadState().CheckAppend(epoch, txns);
            for (var i = 0; i < bodies.Length; i++)
            {
                Insert(txns[i].Zxid, bodies[i]);
            }

            return true;
        });
    }

    public IReadOnlyList<TxnRecord> ReadAfter(Zxid after, int maxCount)
    {
        // Raw rows are read inside one read transaction (a consistent view against a concurrent
        // compaction) and verified after it, keeping the transaction short.
        var rows = InReadTransaction(() =>
        {
            ReadState().CheckReadable(after);
            _selectTxnsAfter.Parameters[0].Value = after.Value;
            _selectTxnsAfter.Parameters[1].Value = maxCount;
            var found = new List<StoredEntry>(Math.Min(maxCount, 1024));
            using var reader = _selectTxnsAfter.ExecuteReader();
            while (reader.Read())
            {
                found.Add(new StoredEntry(new Zxid(reader.GetInt64(0)), (byte[])reader.GetValue(1), (uint)reader.GetInt64(2)));
            }

            return found;
        });

        return LogOrder.VerifyPage(after, rows);
    }

    public Zxid GetLastZxid() => InReadTransaction(() => ReadState().Last);

    public void SaveSnapshot(Zxid zxid, ReadOnlyMemory<byte> snapshot)
    {
        var data = MemoryMarshal.TryGetArray(snapshot, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : snapshot.ToArray();
        var crc = LogChecksum.Compute(data);

        InWriteTransaction(() =>
        {
            ReadState().CheckSnapshot(zxid);
            using var upsert = Command(SqliteLogSchema.UpsertSnapshot, "$zxid", "$data", "$crc");
            upsert.Parameters[0].Value = zxid.Value;
            upsert.Parameters[1].Value = data;
            upsert.Parameters[2].Value = (long)crc;
            upsert.ExecuteNonQuery();
            return true;
        });
    }

    /// <summary>The newest usable intact snapshot; the picker also knows the newer damaged ones it skipped.</summary>
    public SnapshotPicker LoadLatestSnapshot() => InReadTransaction(() =>
    {
        var state = ReadState();
        var picker = new SnapshotPicker();
        OfferSnapshots(picker, state.CompactedTo, state.Last);
        picker.ForRecovery(state);
        return picker;
    });

    public void Compact(Zxid upTo) => InWriteTransaction(() =>
    {
        var state = ReadState();
        // Only an intact snapshot may become the new starting point of recovery.
        var picker = new SnapshotPicker();
        OfferSnapshots(picker, state.CompactedTo, upTo);
        var baseSnapshot = picker.Picked;
        if (baseSnapshot is null || baseSnapshot.Zxid <= state.CompactedTo)
        {
            return false;
        }

        var floor = baseSnapshot.Zxid.Value;
        Execute(SqliteLogSchema.DeleteTxnsUpTo, floor);
        Execute(SqliteLogSchema.DeleteSnapshotsBelow, floor);
        Execute(SqliteLogSchema.UpdateCompactedTo, floor);
        return true;
    });

    public void Dispose()
    {
        foreach (var command in new[] { _beginWrite, _beginRead, _commit, _rollback, _selectState, _insertTxn, _selectTxnsAfter })
        {
            command.Dispose();
        }

        _connection.Dispose();
    }

    private void OfferSnapshots(SnapshotPicker picker, Zxid from, Zxid to)
    {
        using var select = Command(SqliteLogSchema.SelectSnapshotsNewestFirst, "$from", "$to");
        select.Parameters[0].Value = from.Value;
        select.Parameters[1].Value = to.Value;
        using var reader = select.ExecuteReader();
        while (reader.Read() && !picker.Offer(new Zxid(reader.GetInt64(0)), (byte[])reader.GetValue(1), (uint)reader.GetInt64(2)))
        {
        }
    }

    private LogState ReadState()
    {
        using var reader = _selectState.ExecuteReader();
        if (!reader.Read())
        {
            throw new LogCorruptedException(Zxid.Zero, "the ensemble row is missing");
        }

        var maxStored = reader.IsDBNull(2) ? Zxid.Zero : new Zxid(reader.GetInt64(2));
        return new LogState(reader.GetInt64(0), new Zxid(reader.GetInt64(1)), maxStored);
    }

    private void Insert(Zxid zxid, byte[] body)
    {
        _insertTxn.Parameters[0].Value = zxid.Value;
        _insertTxn.Parameters[1].Value = body;
        _insertTxn.Parameters[2].Value = (long)LogChecksum.Compute(body);
        _insertTxn.ExecuteNonQuery();
    }

    private T InWriteTransaction<T>(Func<T> work) => InTransaction(_beginWrite, work);

    private T InReadTransaction<T>(Func<T> work) => InTransaction(_beginRead, work);

    private T InTransaction<T>(SqliteCommand begin, Func<T> work)
    {
        begin.ExecuteNonQuery();
        try
        {
            var result = work();
            _commit.ExecuteNonQuery();
            return result;
        }
        catch
        {
            TryRollback();
            throw;
        }
    }

    private void TryRollback()
    {
        try
        {
            _rollback.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // SQLite already rolled back (some I/O errors do); the original error is the one to report.
        }
    }

    private void Execute(string sql, long value)
    {
        using var command = Command(sql, "$zxid");
        command.Parameters[0].Value = value;
        command.ExecuteNonQuery();
    }

    private static object? Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
