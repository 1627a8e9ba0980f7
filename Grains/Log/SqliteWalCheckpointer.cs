using Microsoft.Data.Sqlite;

namespace CoordinationService.Log;

/// <summary>
/// Copies the write-ahead log back into the database file from a connection and thread of its own.
/// SQLite's automatic checkpoint runs inside whichever commit crosses the threshold, so under steady
/// writes one append in every few hundred also copied megabytes and flushed the database file: tens
/// of milliseconds added to every write of that group, the log's worst tail latency. A passive
/// checkpoint beside the appends never blocks them; once it has caught up, the next append starts
/// the WAL file over, so it stays small.
/// </summary>
internal sealed class SqliteWalCheckpointer : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly SqliteConnection _connection;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private SqliteWalCheckpointer(SqliteConnection connection)
    {
        _connection = connection;
        // A thread of its own: a checkpoint blocks while it copies and flushes, and on a small
        // machine a thread-pool thread held that long starves everything else of threads.
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <param name="connectionString">The log's own connection string (WAL mode is a property of the file, already set).</param>
    public static SqliteWalCheckpointer Start(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var synchronous = connection.CreateCommand();
            synchronous.CommandText = "PRAGMA synchronous = FULL";
            synchronous.ExecuteNonQuery();
            return new SqliteWalCheckpointer(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;

        // A last full pass, so a clean shutdown leaves the database file complete and the WAL empty.
        Checkpoint("TRUNCATE");
        await _connection.DisposeAsync();
        _stop.Dispose();
    }

    private void Run()
    {
        while (!_stop.Token.WaitHandle.WaitOne(Interval))
        {
            Checkpoint("PASSIVE");
        }
    }

    private void Checkpoint(string mode)
    {
        try
        {
            using var command = _connection.CreateCommand();
            command.CommandText = $"PRAGMA wal_checkpoint({mode})";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // Busy: the WAL keeps every frame, so the next round (or the next open) copies them.
        }
    }
}
