namespace CoordinationService.Model;

/// <summary>Values match ZooKeeper's CreateMode flags on the wire.</summary>
public enum CreateMode
{
    Persistent = 0,
    Ephemeral = 1,
    PersistentSequential = 2,
    EphemeralSequential = 3,
    Container = 4,
    PersistentWithTtl = 5,
    PersistentSequentialWithTtl = 6,
}

public static class CreateModeExtensions
{
    public static bool IsSequential(this CreateMode mode) =>
        mode is CreateMode.PersistentSequential or CreateMode.EphemeralSequential or CreateMode.PersistentSequentialWithTtl;

    public static bool IsEphemeral(this CreateMode mode) =>
        mode is CreateMode.Ephemeral or CreateMode.EphemeralSequential;

    public static bool IsTtl(this CreateMode mode) =>
        mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;

    public static NodeKind ToNodeKind(this CreateMode mode) => mode switch
    {
        CreateMode.Ephemeral or CreateMode.EphemeralSequential => NodeKind.Ephemeral,
        CreateMode.Container => NodeKind.Container,
        CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl => NodeKind.Ttl,
        _ => NodeKind.Persistent,
    };
}
