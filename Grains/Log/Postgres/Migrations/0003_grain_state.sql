-- Grain state for Microsoft.Orleans.Persistence.AdoNet (the ensemble record), in its own schema.
-- The provider runs the statements it finds in grain_state.orleansquery under fixed keys and binds
-- its parameters by name (@ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1,
-- @GrainIdExtensionString, @GrainStateVersion, @PayloadBinary; it also binds the two hashes, which
-- these statements do not need: rows are keyed by the full values, so no hash collision can arise).
-- @GrainTypeString is the state's name (the provider is not given the grain's type): two grain types
-- with the same key must not use the same state name.
-- version is the ETag: a write names the version it read and matches no row if another writer got
-- there first; the provider then sees its own version come back and raises InconsistentStateException.
-- Silos reach this schema through "Search Path=grain_state" on their connection.
CREATE SCHEMA IF NOT EXISTS grain_state;

CREATE TABLE grain_state.orleansquery(
    querykey text PRIMARY KEY,
    querytext text NOT NULL);

CREATE TABLE grain_state.states(
    service_id text NOT NULL,
    grain_type text NOT NULL,
    id_n0 bigint NOT NULL,
    id_n1 bigint NOT NULL,
    id_extension text NOT NULL,
    payload bytea,
    version integer NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type, id_n0, id_n1, id_extension));

INSERT INTO grain_state.orleansquery(querykey, querytext) VALUES
('ReadFromStorageKey', '
    SELECT payload AS "PayloadBinary", modified_at AS "ModifiedOn", version AS "Version"
    FROM grain_state.states
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1 AND id_extension = coalesce(@GrainIdExtensionString, '''')'),
('WriteToStorageKey', '
    WITH updated AS (
        UPDATE grain_state.states
        SET payload = @PayloadBinary, version = version + 1, modified_at = now()
        WHERE @GrainStateVersion::integer IS NOT NULL
          AND service_id = @ServiceId AND grain_type = @GrainTypeString
          AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1 AND id_extension = coalesce(@GrainIdExtensionString, '''')
          AND version = @GrainStateVersion::integer
        RETURNING version),
    inserted AS (
        INSERT INTO grain_state.states(service_id, grain_type, id_n0, id_n1, id_extension, payload, version)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''''), @PayloadBinary, 1
        WHERE @GrainStateVersion::integer IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version)
    SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion::integer) AS "NewGrainStateVersion"'),
('ClearStorageKey', '
    UPDATE grain_state.states
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1 AND id_extension = coalesce(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion::integer
    RETURNING version AS "NewGrainStateVersion"'),
('DeleteStorageKey', '
    DELETE FROM grain_state.states
    WHERE service_id = @ServiceId AND grain_type = @GrainTypeString
      AND id_n0 = @GrainIdN0 AND id_n1 = @GrainIdN1 AND id_extension = coalesce(@GrainIdExtensionString, '''')
      AND version = @GrainStateVersion::integer
    RETURNING version + 1 AS "NewGrainStateVersion"');
