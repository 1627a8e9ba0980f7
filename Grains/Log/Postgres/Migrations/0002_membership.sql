-- Orleans cluster membership, in its own schema beside the log, applied by the same migrations.
-- versions holds one row per cluster: the table version Orleans reasons about, and an etag that
-- every change bumps, so a writer that read an older table loses (optimistic concurrency).
-- members holds one row per silo incarnation (address, port, generation): a restarted silo is a
-- new row, its old incarnation stays until declared dead and cleaned up.
CREATE SCHEMA IF NOT EXISTS coordination_cluster;

CREATE TABLE coordination_cluster.versions(
    cluster_id text PRIMARY KEY,
    version integer NOT NULL,
    etag bigint NOT NULL);

CREATE TABLE coordination_cluster.members(
    cluster_id text NOT NULL REFERENCES coordination_cluster.versions(cluster_id) ON DELETE CASCADE,
    address text NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name text NOT NULL,
    host_name text NOT NULL,
    status integer NOT NULL,
    proxy_port integer NOT NULL,
    role_name text,
    update_zone integer NOT NULL,
    fault_zone integer NOT NULL,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    -- Suspicion votes as JSON [{"silo": "<parsable silo address>", "at": "<utc time>"}]: read and
    -- written whole with the row, never queried.
    suspect_times text,
    etag bigint NOT NULL,
    PRIMARY KEY (cluster_id, address, port, generation));
