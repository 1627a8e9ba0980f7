namespace CoordinationService.Tests.Log;

/// <summary>Every PostgreSQL test class shares one throwaway server; each test gets its own database.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}
