namespace CoordinationService.Model;

[Flags]
public enum Permissions
{
    None = 0,
    Read = 1,
    Write = 2,
    Create = 4,
    Delete = 8,
    Admin = 16,
    All = Read | Write | Create | Delete | Admin,
}

/// <summary>One ACL entry: a scheme (world, auth, digest, ip) with its id and the permissions it grants.</summary>
[GenerateSerializer, Immutable, Alias("cs.AclEntry")]
public sealed record AclEntry(
    [property: Id(0)] Permissions Permissions,
    [property: Id(1)] string Scheme,
    [property: Id(2)] string Id)
{
    public static readonly AclEntry WorldAnyoneAll = new(Permissions.All, "world", "anyone");

    public static readonly IReadOnlyList<AclEntry> OpenUnsafe = [WorldAnyoneAll];
}
