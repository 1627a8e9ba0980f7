namespace CoordinationService.Acl;

/// <summary>The ACL schemes this service knows, spelled as ZooKeeper spells them on the wire.</summary>
public static class AclSchemes
{
    public const string World = "world";
    public const string Anyone = "anyone";
    public const string Digest = "digest";
    public const string Ip = "ip";

    /// <summary>Stands for "every identity the creating session has proven"; never stored.</summary>
    public const string Auth = "auth";
}
