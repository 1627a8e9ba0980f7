namespace CoordinationService.Log;

/// <summary>The SQLite tables of the log; every statement is safe to run on an existing file.</summary>
internal static class SqliteLogSchema
{
    // ensemble holds exactly one row: the current epoch (the fence) and how far the log was
    // compacted, so the last zxid is still known when compaction empties txns.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS txns(
            zxid INTEGER PRIMARY KEY,
            body BLOB NOT NULL,
            crc INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS snapshots(
            zxid INTEGER PRIMARY KEY,
            data BLOB NOT NULL,
            crc INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS ensemble(
            id INTEGER PRIMARY KEY CHECK (id = 0),
            current_epoch INTEGER NOT NULL,
            compacted_to INTEGER NOT NULL);
        INSERT OR IGNORE INTO ensemble(id, current_epoch, compacted_to) VALUES (0, 0, 0);
        """;

    public const string SelectState =
        "SELECT current_epoch, compacted_to, (SELECT MAX(zxid) FROM txns) FROM ensemble WHERE id = 0";

    public const string UpdateEpoch = "UPDATE ensemble SET current_epoch = $epoch WHERE id = 0";

    public const string UpdateCompactedTo = "UPDATE ensemble SET compacted_to = MAX(compacted_to, $zxid) WHERE id = 0";

    public const string InsertTxn = "INSERT INTO txns(zxid, body, crc) VALUES ($zxid, $body, $crc)";

    public const string SelectTxnsAfter = "SELECT zxid, body, crc FROM txns WHERE zxid > $after ORDER BY zxid LIMIT $limit";

    public const string DeleteTxnsUpTo = "DELETE FROM txns WHERE zxid <= $zxid";

    public const string UpsertSnapshot = "INSERT OR REPLACE INTO snapshots(zxid, data, crc) VALUES ($zxid, $data, $crc)";

    public const string SelectSnapshotsNewestFirst =
        "SELECT zxid, data, crc FROM snapshots WHERE zxid >= $from AND zxid <= $to ORDER BY zxid DESC";

    public const string DeleteSnapshotsBelow = "DELETE FROM snapshots WHERE zxid < $zxid";
}
