namespace CoordinationService.Bench;

/// <summary>The three ports of one silo: silo-to-silo, Orleans client gateway, ZooKeeper clients.</summary>
public sealed record SiloPorts(int Silo, int Gateway, int ZooKeeper)
{
    /// <summary>Three distinct free loopback ports. The ZooKeeper one matters even when unused: its default,
    /// 2181, may belong to a real ZooKeeper on this machine, and a clash would stop the silo from starting.</summary>
    public static SiloPorts Free()
    {
        var ports = FreePorts.Distinct(3);
        return new SiloPorts(ports[0], ports[1], ports[2]);
    }
}
