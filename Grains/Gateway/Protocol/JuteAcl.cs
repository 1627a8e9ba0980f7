using CoordinationService.Model;

namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// Jute's ACL record: perms int, then Id(scheme ustring, id ustring). A null id reads as "": kazoo
/// writes an empty string as null, so its CREATOR_ALL_ACL (auth scheme, id "") arrives that way,
/// and ZooKeeper accepts it.
/// </summary>
public static class JuteAcl
{
    public static AclEntry Read(ref JuteReader reader)
    {
        var permissions = (Permissions)reader.ReadInt();
        var scheme = reader.ReadString() ?? throw new JuteFormatException("Null ACL scheme");
        var id = reader.ReadString() ?? string.Empty;
        return new AclEntry(permissions, scheme, id);
    }

    public static void Write(JuteWriter writer, AclEntry acl)
    {
        writer.WriteInt((int)acl.Permissions);
        writer.WriteString(acl.Scheme);
        writer.WriteString(acl.Id);
    }
}
