using Npgsql;

namespace CoordinationService.Log.Postgres;

internal static class PostgresFailures
{
    /// <summary>
    /// The connection itself failed (network, server gone, backend terminated), as opposed to a
    /// statement the server refused: SQLSTATE class 08 (connection exception) or 57P (operator
    /// intervention: shutdown, terminated backend), or an error with no server reply at all.
    /// </summary>
    public static bool IsConnectionLost(NpgsqlException error) =>
        error is not PostgresException refused
        || refused.SqlState.StartsWith("08", StringComparison.Ordinal)
        || refused.SqlState.StartsWith("57P", StringComparison.Ordinal);
}
