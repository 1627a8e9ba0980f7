using CoordinationService.Log;
using Microsoft.Data.Sqlite;

namespace CoordinationService.Tests.Log;

/// <summary>A temp directory holding one log file, with every log opened on it disposed before it is deleted.</summary>
internal sealed class LogTestDirectory : IAsyncDisposable
{
    private readonly List<SqliteTransactionLog> _opened = [];

    public LogTestDirectory()
    {
        Path = Directory.CreateTempSubdirectory("cs-log-").FullName;
        DatabasePath = System.IO.Path.Combine(Path, "log.db");
    }

    public string Path { get; }

    public string DatabasePath { get; }

    public async Task<SqliteTransactionLog> OpenAsync()
    {
        var log = await SqliteTransactionLog.OpenAsync(new SqliteTransactionLogOptions { DatabasePath = DatabasePath }, CancellationToken.None);
        _opened.Add(log);
        return log;
    }

    /// <summary>A connection of its own, for damaging the file the way a bad disk or a bug would.</summary>
    public SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public async Task ExecuteRawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenRaw();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var log in _opened)
        {
            await log.DisposeAsync();
        }

        Directory.Delete(Path, recursive: true);
    }
}
