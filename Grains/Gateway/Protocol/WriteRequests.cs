using CoordinationService.Model;

namespace CoordinationService.Gateway.Protocol;

/// <summary>Sent for create (1), create2 (15) and createContainer (19); <paramref name="Flags"/> is the CreateMode.</summary>
public sealed record CreateRequest(string Path, byte[]? Data, IReadOnlyList<AclEntry>? Acl, int Flags)
    : IJuteRecord<CreateRequest>
{
    public static CreateRequest Read(ref JuteReader reader) =>
        new(reader.ReadPath(), reader.ReadBuffer(), reader.ReadAclVector(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteAclVector(Acl);
        writer.WriteInt(Flags);
    }
}

/// <summary>createTTL (21): a CreateRequest followed by the TTL in milliseconds.</summary>
public sealed record CreateTtlRequest(string Path, byte[]? Data, IReadOnlyList<AclEntry>? Acl, int Flags, long Ttl)
    : IJuteRecord<CreateTtlRequest>
{
    public static CreateTtlRequest Read(ref JuteReader reader) =>
        new(reader.ReadPath(), reader.ReadBuffer(), reader.ReadAclVector(), reader.ReadInt(), reader.ReadLong());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteAclVector(Acl);
        writer.WriteInt(Flags);
        writer.WriteLong(Ttl);
    }
}

/// <summary>delete (2) and deleteContainer (20).</summary>
public sealed record DeleteRequest(string Path, int Version) : IJuteRecord<DeleteRequest>
{
    public static DeleteRequest Read(ref JuteReader reader) => new(reader.ReadPath(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Version);
    }
}

public sealed record SetDataRequest(string Path, byte[]? Data, int Version) : IJuteRecord<SetDataRequest>
{
    public static SetDataRequest Read(ref JuteReader reader) => new(reader.ReadPath(), reader.ReadBuffer(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBuffer(Data);
        writer.WriteInt(Version);
    }
}

public sealed record SetAclRequest(string Path, IReadOnlyList<AclEntry>? Acl, int Version) : IJuteRecord<SetAclRequest>
{
    public static SetAclRequest Read(ref JuteReader reader) => new(reader.ReadPath(), reader.ReadAclVector(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteAclVector(Acl);
        writer.WriteInt(Version);
    }
}

/// <summary>check (13), only inside a multi.</summary>
public sealed record CheckVersionRequest(string Path, int Version) : IJuteRecord<CheckVersionRequest>
{
    public static CheckVersionRequest Read(ref JuteReader reader) => new(reader.ReadPath(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Version);
    }
}
