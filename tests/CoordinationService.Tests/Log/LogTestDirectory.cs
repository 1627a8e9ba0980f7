using System.Data.Common;
using CoordinationService.Log;
using Microsoft.Data.Sqlite;

namespace CoordinationService.Tests.Log;

/// <summary>A temp directory holding one SQLite log file, deleted with everything in it at the end.</summary>
internal sealed class LogTestDirectory : LogTestStore
{
    public LogTestDirectory()
    {
        Path = Directory.CreateTempSubdirectory("cs-log-").FullName;
        DatabasePath = System.IO.Path.Combine(Path, "log.db");
    }

    public string Path { get; }

    public string DatabasePath { get; }

    protected override async Task<ITransactionLog> OpenLogAsync() =>
        await SqliteTransactionLog.OpenAsync(new SqliteTransactionLogOptions { DatabasePath = DatabasePath }, CancellationToken.None);

    protected override DbConnection CreateRawConnection() =>
        new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());

    protected override void DeleteStorage() => Directory.Delete(Path, recursive: true);
}
