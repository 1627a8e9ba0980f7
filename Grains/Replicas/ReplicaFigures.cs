namespace CoordinationService.Replicas;

/// <summary>A replica's counts at one zxid, for operators.</summary>
public sealed record ReplicaFigures(
    long AppliedZxid,
    int NodeCount,
    long DataSize,
    int LiveSessions,
    int Ephemerals,
    int WatchingSessions,
    int WatchedPaths,
    int DataWatches,
    int AllWatches);
