namespace CoordinationService.Log.Postgres;

/// <summary>
/// The statements of <see cref="PostgresTransactionLog"/>. Parameters are positional ($1…) so Npgsql
/// sends them as written, without rewriting; the tables come from the shipped migrations.
/// </summary>
internal static class PostgresLogSql
{
    /// <summary>Row-locks the ensemble row: every write that depends on the epoch takes it first.</summary>
    public const string LockEnsemble = "SELECT 1 FROM coordination_log.ensemble WHERE id = 0 FOR UPDATE";

    // A statement of its own after the lock: under READ COMMITTED it then sees every txn committed
    // by whoever held the lock before, which a single locking statement's snapshot would not.
    public const string SelectState = """
        SELECT current_epoch, compacted_to, (SELECT max(zxid) FROM coordination_log.txns)
        FROM coordination_log.ensemble WHERE id = 0
        """;

    /// <summary>
    /// Inserts the batch only if $1 is the current epoch and $2 the last zxid; returns the state it
    /// checked and how many rows went in, so a refusal is explained by the shared rules.
    /// </summary>
    public const string AppendIfCurrent = """
        WITH state AS (
            SELECT current_epoch, compacted_to, (SELECT max(zxid) FROM coordination_log.txns) AS max_stored
            FROM coordination_log.ensemble WHERE id = 0),
        inserted AS (
            INSERT INTO coordination_log.txns(zxid, body, crc)
            SELECT t.zxid, t.body, t.crc
            FROM unnest($3::bigint[], $4::bytea[], $5::bigint[]) AS t(zxid, body, crc), state
            WHERE state.current_epoch = $1 AND GREATEST(state.compacted_to, COALESCE(state.max_stored, 0)) = $2
            RETURNING 1)
        SELECT current_epoch, compacted_to, max_stored, (SELECT count(*) FROM inserted) FROM state
        """;

    public const string UpdateEpoch = "UPDATE coordination_log.ensemble SET current_epoch = $1 WHERE id = 0";

    public const string InsertTxn = "INSERT INTO coordination_log.txns(zxid, body, crc) VALUES ($1, $2, $3)";

    /// <summary>One statement, one snapshot: the compaction point and the page cannot disagree.</summary>
    public const string SelectTxnsAfter = """
        SELECT e.compacted_to, t.zxid, t.body, t.crc
        FROM coordination_log.ensemble e
        LEFT JOIN LATERAL (
            SELECT zxid, body, crc FROM coordination_log.txns WHERE zxid > $1 ORDER BY zxid LIMIT $2) t ON true
        WHERE e.id = 0
        ORDER BY t.zxid
        """;

    public const string UpsertSnapshot = """
        INSERT INTO coordination_log.snapshots(zxid, data, crc) VALUES ($1, $2, $3)
        ON CONFLICT (zxid) DO UPDATE SET data = EXCLUDED.data, crc = EXCLUDED.crc
        """;

    public const string SelectSnapshotsNewestFirst =
        "SELECT zxid, data, crc FROM coordination_log.snapshots WHERE zxid >= $1 AND zxid <= $2 ORDER BY zxid DESC";

    public const string DeleteTxnsUpTo = "DELETE FROM coordination_log.txns WHERE zxid <= $1";

    public const string DeleteSnapshotsBelow = "DELETE FROM coordination_log.snapshots WHERE zxid < $1";

    public const string UpdateCompactedTo =
        "UPDATE coordination_log.ensemble SET compacted_to = GREATEST(compacted_to, $1) WHERE id = 0";
}
