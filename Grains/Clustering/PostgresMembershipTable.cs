using System.Globalization;
using CoordinationService.Log.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;

namespace CoordinationService.Clustering;

/// <summary>
/// Orleans' membership table in the cluster's PostgreSQL database. Every change to a row also
/// moves the cluster's table version, both checked in one transaction: the optimistic concurrency
/// Orleans' membership protocol relies on (a writer that read an older table loses and re-reads).
/// </summary>
public sealed partial class PostgresMembershipTable : IMembershipTable, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _clusterId;
    private readonly ILogger<PostgresMembershipTable> _logger;

    public PostgresMembershipTable(IOptions<PostgresClusteringOptions> options, IOptions<ClusterOptions> cluster, ILogger<PostgresMembershipTable> logger)
    {
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        _clusterId = cluster.Value.ClusterId;
        _logger = logger;
    }

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        // The same migrations as the log: whichever starts first creates both schemas.
        await PostgresMigrations.ApplyAsync(_dataSource, CancellationToken.None);
        if (tryInitTableVersion && await ExecuteAsync(MembershipSql.InitVersion, _clusterId) == 1)
        {
            LogTableCreated(_clusterId);
        }
    }

    public async Task<MembershipTableData> ReadAll()
    {
        await using var command = _dataSource.CreateCommand(MembershipSql.ReadAll);
        MembershipRows.Add(command.Parameters, _clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        return await MembershipRows.ReadTableAsync(reader, CancellationToken.None);
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        await using var command = _dataSource.CreateCommand(MembershipSql.ReadRow);
        MembershipRows.AddKey(command.Parameters, _clusterId, key);
        await using var reader = await command.ExecuteReaderAsync();
        return await MembershipRows.ReadTableAsync(reader, CancellationToken.None);
    }

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        ChangeAsync(tableVersion, connection =>
        {
            var insert = new NpgsqlCommand(MembershipSql.InsertMember, connection);
            MembershipRows.AddKey(insert.Parameters, _clusterId, entry.SiloAddress);
            MembershipRows.AddFields(insert.Parameters, entry);
            return insert;
        });

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        if (!long.TryParse(etag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var rowEtag))
        {
            return Task.FromResult(false);
        }

        return ChangeAsync(tableVersion, connection =>
        {
            var update = new NpgsqlCommand(MembershipSql.UpdateMember, connection);
            MembershipRows.AddKey(update.Parameters, _clusterId, entry.SiloAddress);
            MembershipRows.AddFields(update.Parameters, entry);
            MembershipRows.Add(update.Parameters, rowEtag);
            return update;
        });
    }

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        await using var command = _dataSource.CreateCommand(MembershipSql.UpdateIAmAlive);
        MembershipRows.AddKey(command.Parameters, _clusterId, entry.SiloAddress);
        MembershipRows.Add(command.Parameters, MembershipRows.Utc(entry.IAmAliveTime));
        await command.ExecuteNonQueryAsync();
    }

    public Task DeleteMembershipTableEntries(string clusterId) => ExecuteAsync(MembershipSql.DeleteCluster, clusterId);

    public Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate) =>
        ExecuteAsync(MembershipSql.CleanupDefunct, _clusterId, (int)SiloStatus.Dead, beforeDate.UtcDateTime);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    /// <summary>
    /// Moves the table version from the one <paramref name="tableVersion"/> was read at, then runs
    /// the row change; both or neither. False when either finds the table or the row changed.
    /// </summary>
    private async Task<bool> ChangeAsync(TableVersion tableVersion, Func<NpgsqlConnection, NpgsqlCommand> rowChange)
    {
        if (!long.TryParse(tableVersion.VersionEtag, NumberStyles.Integer, CultureInfo.InvariantCulture, out var versionEtag))
        {
            return false;
        }

        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var bump = new NpgsqlCommand(MembershipSql.BumpVersion, connection, transaction))
        {
            MembershipRows.Add(bump.Parameters, _clusterId);
            MembershipRows.Add(bump.Parameters, versionEtag);
            MembershipRows.Add(bump.Parameters, tableVersion.Version);
            if (await bump.ExecuteNonQueryAsync() != 1)
            {
                return false; // disposing the transaction rolls it back
            }
        }

        await using (var change = rowChange(connection))
        {
            change.Transaction = transaction;
            if (await change.ExecuteNonQueryAsync() != 1)
            {
                return false;
            }
        }

        await transaction.CommitAsync();
        return true;
    }

    private async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var command = _dataSource.CreateCommand(sql);
        foreach (var value in parameters)
        {
            MembershipRows.Add(command.Parameters, value);
        }

        return await command.ExecuteNonQueryAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership table version for cluster {ClusterId} in PostgreSQL.")]
    private partial void LogTableCreated(string clusterId);
}
