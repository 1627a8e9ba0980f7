namespace CoordinationService.Bench;

/// <summary>The ports of one silo: silo-to-silo, Orleans client gateway, ZooKeeper clients, admin HTTP.</summary>
public sealed record SiloPorts(int Silo, int Gateway, int ZooKeeper, int Admin)
{
    /// <summary>Distinct free loopback ports. The ZooKeeper and admin ones matter even when unused: their
    /// defaults (2181, 8180) may belong to a real ZooKeeper or a live silo here, and a clash would stop the silo from starting.</summary>
    public static SiloPorts Free()
    {
        var ports = FreePorts.Distinct(4);
        return new SiloPorts(ports[0], ports[1], ports[2], ports[3]);
    }
}
