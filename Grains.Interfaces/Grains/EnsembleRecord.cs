namespace CoordinationService.Grains;

/// <summary>
/// The ensemble's record of who leads: kept by the leader in grain state (in cluster mode, on
/// PostgreSQL through Orleans' ADO.NET grain storage), written when a leader takes over and when it
/// takes a snapshot. The log's epoch fence is what makes a write safe; this record is what operators
/// and a new leader read, and its ETag is a second, earlier fence: a leader whose write of it loses
/// to a newer epoch's write has lost the leadership race and steps down.
/// </summary>
[GenerateSerializer, Alias("cs.EnsembleRecord")]
public sealed record EnsembleRecord
{
    /// <summary>The grain storage provider the record lives in.</summary>
    public const string StorageName = "coordination";

    [Id(0)] public long Epoch { get; init; }

    /// <summary>The leader's silo address; empty before the first leader.</summary>
    [Id(1)] public string Leader { get; init; } = string.Empty;

    [Id(2)] public DateTimeOffset ElectedAt { get; init; }

    /// <summary>The zxid the leader recovered to when it took over.</summary>
    [Id(3)] public long RecoveredZxid { get; init; }

    /// <summary>The zxid of the latest snapshot this or an earlier leader took; 0 for none.</summary>
    [Id(4)] public long LastSnapshotZxid { get; init; }

    /// <summary>How many leaders took over so far.</summary>
    [Id(5)] public long Elections { get; init; }
}
