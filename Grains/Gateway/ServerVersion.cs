namespace CoordinationService.Gateway;

/// <summary>
/// The version ZooKeeper clients see. Clients (kazoo among them) parse it from `envi` to decide
/// which features to use, so it names the ZooKeeper release whose behaviour we match.
/// </summary>
public static class ServerVersion
{
    public const string ZooKeeperCompatible = "3.8.4";

    public static readonly string Full = $"{ZooKeeperCompatible}-CoordinationService-{typeof(ServerVersion).Assembly.GetName().Version}, built on 2026-11-23 00:00 UTC";
}
