using System.Data.Common;
using CoordinationService.Log;

namespace CoordinationService.Tests.Log;

/// <summary>
/// One empty log store for a contract test: log instances opened on it (several share it, like
/// silos share a database), and raw SQL for damaging it the way a bad disk or a bug would. Raw SQL
/// names its parameters <c>@name</c>, which both stores accept; the tables are named alike.
/// </summary>
public abstract class LogTestStore : IAsyncDisposable
{
    private readonly List<ITransactionLog> _opened = [];

    public async Task<ITransactionLog> OpenAsync()
    {
        var log = await OpenLogAsync();
        _opened.Add(log);
        return log;
    }

    /// <summary>A log instance that has begun its epoch, as a freshly activated leader holds it.</summary>
    public async Task<(ITransactionLog Log, long Epoch)> OpenLeaderAsync()
    {
        var log = await OpenAsync();
        return (log, (await log.BeginEpochAsync(CancellationToken.None)).Epoch);
    }

    public async Task ExecuteRawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenRawAsync();
        await using var command = RawCommand(connection, sql, parameters);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The first column of every row.</summary>
    public async Task<IReadOnlyList<object>> QueryRawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenRawAsync();
        await using var command = RawCommand(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var log in _opened)
        {
            await log.DisposeAsync();
        }

        DeleteStorage();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<ITransactionLog> OpenLogAsync();

    /// <summary>A connection of its own, outside any log instance and its pool.</summary>
    protected abstract DbConnection CreateRawConnection();

    protected virtual void DeleteStorage()
    {
    }

    private async Task<DbConnection> OpenRawAsync()
    {
        var connection = CreateRawConnection();
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand RawCommand(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
