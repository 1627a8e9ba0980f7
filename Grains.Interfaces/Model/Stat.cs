namespace CoordinationService.Model;

/// <summary>ZooKeeper's Stat, field for field, in ZooKeeper's wire order.</summary>
[GenerateSerializer, Immutable, Alias("cs.Stat")]
public sealed record Stat(
    [property: Id(0)] long Czxid,
    [property: Id(1)] long Mzxid,
    [property: Id(2)] long Ctime,
    [property: Id(3)] long Mtime,
    [property: Id(4)] int Version,
    [property: Id(5)] int Cversion,
    [property: Id(6)] int Aversion,
    [property: Id(7)] long EphemeralOwner,
    [property: Id(8)] int DataLength,
    [property: Id(9)] int NumChildren,
    [property: Id(10)] long Pzxid);
