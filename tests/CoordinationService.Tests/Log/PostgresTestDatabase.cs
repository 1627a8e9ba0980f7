using System.Data.Common;
using CoordinationService.Log;
using CoordinationService.Log.Postgres;
using Npgsql;

namespace CoordinationService.Tests.Log;

/// <summary>A fresh database on the throwaway server; the server's directory goes with the server.</summary>
internal sealed class PostgresTestDatabase(string connectionString) : LogTestStore
{
    public string ConnectionString { get; } = connectionString;

    protected override async Task<ITransactionLog> OpenLogAsync() =>
        await PostgresTransactionLog.OpenAsync(new PostgresTransactionLogOptions { ConnectionString = ConnectionString }, CancellationToken.None);

    // The log's schema first on the search path, so raw SQL names the tables as SQLite's does.
    protected override DbConnection CreateRawConnection() =>
        new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = "coordination_log", Pooling = false }.ToString());
}
