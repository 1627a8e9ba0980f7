namespace CoordinationService.Operations.Reports;

/// <param name="CommittedZxid">The highest zxid the silo knows to be committed.</param>
/// <param name="AttachedSessions">Sessions attached to this silo (its ZooKeeper connections and .NET clients).</param>
/// <param name="WatchCount">All watches of this silo; <paramref name="Watches"/> may list fewer.</param>
[GenerateSerializer, Immutable, Alias("cs.SiloReport")]
public sealed record SiloReport(
    [property: Id(0)] string Silo,
    [property: Id(1)] long AppliedZxid,
    [property: Id(2)] long CommittedZxid,
    [property: Id(3)] bool LeaderInTouch,
    [property: Id(4)] IReadOnlyList<long> AttachedSessions,
    [property: Id(5)] int WatchCount,
    [property: Id(6)] IReadOnlyList<WatchView> Watches,
    [property: Id(7)] int NodeCount);

/// <param name="Kind">data, exist, child, persistent or persistent_recursive.</param>
[GenerateSerializer, Immutable, Alias("cs.WatchView")]
public sealed record WatchView(
    [property: Id(0)] long Session,
    [property: Id(1)] string Path,
    [property: Id(2)] string Kind);
