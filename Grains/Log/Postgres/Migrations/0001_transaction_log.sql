-- The transaction log, its snapshots and the ensemble row, in the schema coordination_log.
-- ensemble holds exactly one row: the current epoch (the fence every append locks and checks)
-- and how far the log was compacted, so the last zxid is still known when compaction empties txns.
CREATE TABLE coordination_log.txns(
    zxid bigint PRIMARY KEY,
    body bytea NOT NULL,
    crc bigint NOT NULL);

CREATE TABLE coordination_log.snapshots(
    zxid bigint PRIMARY KEY,
    data bytea NOT NULL,
    crc bigint NOT NULL);

CREATE TABLE coordination_log.ensemble(
    id integer PRIMARY KEY CHECK (id = 0),
    current_epoch bigint NOT NULL,
    compacted_to bigint NOT NULL);

INSERT INTO coordination_log.ensemble(id, current_epoch, compacted_to) VALUES (0, 0, 0);

-- Stored bytes are opaque to PostgreSQL and checked by CRC in the silo: skip TOAST compression.
ALTER TABLE coordination_log.txns ALTER COLUMN body SET STORAGE EXTERNAL;
ALTER TABLE coordination_log.snapshots ALTER COLUMN data SET STORAGE EXTERNAL;
