namespace CoordinationService.Tests.Log;

// The log contracts against the cluster store: a fresh database per test on the shared throwaway server.
[Collection(PostgresCollection.Name)]
public sealed class PostgresAppendTests(PostgresServer server) : AppendContract(server.CreateStoreAsync);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEpochFencingTests(PostgresServer server) : EpochFencingContract(server.CreateStoreAsync);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCorruptionTests(PostgresServer server) : CorruptionContract(server.CreateStoreAsync);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSnapshotAndCompactionTests(PostgresServer server) : SnapshotAndCompactionContract(server.CreateStoreAsync);
