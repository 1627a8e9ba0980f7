using System.Reflection;
using Npgsql;

namespace CoordinationService.Log.Postgres;

/// <summary>
/// Brings the database's schema up to the migrations this build ships (embedded
/// <c>Migrations/NNNN_name.sql</c>), each applied once, in order, and recorded in
/// <c>coordination_log.schema_migrations</c>.
/// </summary>
internal static class PostgresMigrations
{
    // Any constant every silo agrees on: the transaction-scoped advisory lock makes silos that
    // start together apply the migrations one after another instead of racing on CREATE TABLE.
    private const long AdvisoryLockKey = 0x4353_4C6F_674D_6967; // "CSLogMig"
    private const string ResourcePrefix = "CoordinationService.Log.Postgres.Migrations.";

    private const string CreateLedger = """
        CREATE SCHEMA IF NOT EXISTS coordination_log;
        CREATE TABLE IF NOT EXISTS coordination_log.schema_migrations(
            version integer PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL DEFAULT now())
        """;

    public static IReadOnlyList<(int Version, string Name)> Shipped { get; } = Load().Select(m => (m.Version, m.Name)).ToList();

    public static async Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock($1)", ct, AdvisoryLockKey);
        await ExecuteAsync(connection, CreateLedger, ct);

        var applied = new HashSet<int>();
        await using (var select = new NpgsqlCommand("SELECT version FROM coordination_log.schema_migrations", connection))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        foreach (var migration in Load().Where(m => !applied.Contains(m.Version)))
        {
            await ExecuteAsync(connection, migration.Sql, ct);
            await ExecuteAsync(connection, "INSERT INTO coordination_log.schema_migrations(version, name) VALUES ($1, $2)", ct, migration.Version, migration.Name);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(ct);
    }

    private static IEnumerable<(int Version, string Name, string Sql)> Load()
    {
        var assembly = typeof(PostgresMigrations).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Parse(assembly, n))
            .OrderBy(m => m.Version);
    }

    private static (int Version, string Name, string Sql) Parse(Assembly assembly, string resource)
    {
        var name = resource[ResourcePrefix.Length..^".sql".Length];
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), out var version))
        {
            throw new InvalidOperationException($"Migration '{resource}' is not named NNNN_name.sql.");
        }

        using var stream = assembly.GetManifestResourceStream(resource) ?? throw new InvalidOperationException($"Migration {resource} vanished.");
        using var text = new StreamReader(stream);
        return (version, name, text.ReadToEnd());
    }
}
