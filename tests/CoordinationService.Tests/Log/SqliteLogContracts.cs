namespace CoordinationService.Tests.Log;

// The log contracts against the embedded store: a fresh SQLite file per test.
public sealed class SqliteAppendTests() : AppendContract(SqliteStores.Create);

public sealed class SqliteEpochFencingTests() : EpochFencingContract(SqliteStores.Create);

public sealed class SqliteCorruptionTests() : CorruptionContract(SqliteStores.Create);

public sealed class SqliteSnapshotAndCompactionTests() : SnapshotAndCompactionContract(SqliteStores.Create);

internal static class SqliteStores
{
    public static Task<LogTestStore> Create() => Task.FromResult<LogTestStore>(new LogTestDirectory());
}
