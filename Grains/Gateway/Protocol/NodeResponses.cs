using CoordinationService.Model;

namespace CoordinationService.Gateway.Protocol;

/// <summary>create (1) and sync (9) replies: just a path.</summary>
public sealed record PathResponse(string Path) : IJuteRecord<PathResponse>
{
    public static PathResponse Read(ref JuteReader reader) => new(reader.ReadPath());

    public void Write(JuteWriter writer) => writer.WriteString(Path);
}

/// <summary>create2 (15), createContainer (19) and createTTL (21) replies; inside a multi only createContainer and createTTL answer with it.</summary>
public sealed record Create2Response(string Path, Stat Stat) : IJuteRecord<Create2Response>
{
    public static Create2Response Read(ref JuteReader reader) => new(reader.ReadPath(), JuteStat.Read(ref reader));

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        JuteStat.Write(writer, Stat);
    }
}

/// <summary>exists (3), setData (5) and setACL (7) replies: just a Stat.</summary>
public sealed record StatResponse(Stat Stat) : IJuteRecord<StatResponse>
{
    public static StatResponse Read(ref JuteReader reader) => new(JuteStat.Read(ref reader));

    public void Write(JuteWriter writer) => JuteStat.Write(writer, Stat);
}

public sealed record GetDataResponse(byte[]? Data, Stat Stat) : IJuteRecord<GetDataResponse>
{
    public static GetDataResponse Read(ref JuteReader reader) => new(reader.ReadBuffer(), JuteStat.Read(ref reader));

    public void Write(JuteWriter writer)
    {
        writer.WriteBuffer(Data);
        JuteStat.Write(writer, Stat);
    }
}

/// <summary>getChildren (8) and getEphemerals (103) replies: a vector of strings.</summary>
public sealed record StringListResponse(IReadOnlyList<string>? Items) : IJuteRecord<StringListResponse>
{
    public static StringListResponse Read(ref JuteReader reader) => new(reader.ReadStringVector());

    public void Write(JuteWriter writer) => writer.WriteStringVector(Items);
}

public sealed record GetChildren2Response(IReadOnlyList<string>? Children, Stat Stat) : IJuteRecord<GetChildren2Response>
{
    public static GetChildren2Response Read(ref JuteReader reader) => new(reader.ReadStringVector(), JuteStat.Read(ref reader));

    public void Write(JuteWriter writer)
    {
        writer.WriteStringVector(Children);
        JuteStat.Write(writer, Stat);
    }
}

public sealed record GetAclResponse(IReadOnlyList<AclEntry>? Acl, Stat Stat) : IJuteRecord<GetAclResponse>
{
    public static GetAclResponse Read(ref JuteReader reader) => new(reader.ReadAclVector(), JuteStat.Read(ref reader));

    public void Write(JuteWriter writer)
    {
        writer.WriteAclVector(Acl);
        JuteStat.Write(writer, Stat);
    }
}

/// <summary>getAllChildrenNumber (104) reply; also ErrorResponse, the body of a failed op inside a multi.</summary>
public sealed record IntResponse(int Value) : IJuteRecord<IntResponse>
{
    public static IntResponse Read(ref JuteReader reader) => new(reader.ReadInt());

    public void Write(JuteWriter writer) => writer.WriteInt(Value);
}
