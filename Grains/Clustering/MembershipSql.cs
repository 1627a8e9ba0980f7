namespace CoordinationService.Clustering;

/// <summary>The statements of <see cref="PostgresMembershipTable"/>; the schema is migration 0002_membership.sql.</summary>
internal static class MembershipSql
{
    private const string MemberColumns =
        "address, port, generation, silo_name, host_name, status, proxy_port, role_name, update_zone, fault_zone, " +
        "start_time, i_am_alive_time, suspect_times";

    public const string InitVersion =
        "INSERT INTO coordination_cluster.versions(cluster_id, version, etag) VALUES ($1, 0, 0) ON CONFLICT DO NOTHING";

    // One statement, so the version and the rows come from one snapshot: a version newer than the
    // rows it is read with would let a stale writer pass the etag check. LEFT JOIN: an empty
    // cluster still returns its version.
    public const string ReadAll =
        $"SELECT v.version, v.etag, m.etag, {MemberColumns} FROM coordination_cluster.versions v " +
        "LEFT JOIN coordination_cluster.members m ON m.cluster_id = v.cluster_id WHERE v.cluster_id = $1";

    public const string ReadRow =
        $"SELECT v.version, v.etag, m.etag, {MemberColumns} FROM coordination_cluster.versions v " +
        "LEFT JOIN coordination_cluster.members m ON m.cluster_id = v.cluster_id AND m.address = $2 AND m.port = $3 AND m.generation = $4 " +
        "WHERE v.cluster_id = $1";

    // The row lock this UPDATE takes serialises concurrent writers; READ COMMITTED re-checks the
    // etag after waiting, so exactly one writer of a given table version wins.
    public const string BumpVersion =
        "UPDATE coordination_cluster.versions SET version = $3, etag = etag + 1 WHERE cluster_id = $1 AND etag = $2";

    public const string InsertMember =
        $"INSERT INTO coordination_cluster.members(cluster_id, {MemberColumns}, etag) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0) ON CONFLICT DO NOTHING";

    public const string UpdateMember =
        "UPDATE coordination_cluster.members SET silo_name = $5, host_name = $6, status = $7, proxy_port = $8, role_name = $9, " +
        "update_zone = $10, fault_zone = $11, start_time = $12, i_am_alive_time = $13, suspect_times = $14, etag = etag + 1 " +
        "WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4 AND etag = $15";

    // Not a membership change: no etag or version bump, as in Orleans' own providers, so a
    // heartbeat never makes a concurrent status update fail.
    public const string UpdateIAmAlive =
        "UPDATE coordination_cluster.members SET i_am_alive_time = $5 WHERE cluster_id = $1 AND address = $2 AND port = $3 AND generation = $4";

    public const string DeleteCluster = "DELETE FROM coordination_cluster.versions WHERE cluster_id = $1";

    public const string CleanupDefunct =
        "DELETE FROM coordination_cluster.members WHERE cluster_id = $1 AND status = $2 AND i_am_alive_time < $3";
}
