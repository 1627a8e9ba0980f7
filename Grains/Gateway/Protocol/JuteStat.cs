using CoordinationService.Model;

namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// Jute's Stat record (68 bytes): czxid, mzxid, ctime, mtime, version, cversion, aversion,
/// ephemeralOwner, dataLength, numChildren, pzxid — the order of <see cref="Stat"/>.
/// </summary>
public static class JuteStat
{
    public const int Size = 68;

    public static Stat Read(ref JuteReader reader) => new(
        Czxid: reader.ReadLong(),
        Mzxid: reader.ReadLong(),
        Ctime: reader.ReadLong(),
        Mtime: reader.ReadLong(),
        Version: reader.ReadInt(),
        Cversion: reader.ReadInt(),
        Aversion: reader.ReadInt(),
        EphemeralOwner: reader.ReadLong(),
        DataLength: reader.ReadInt(),
        NumChildren: reader.ReadInt(),
        Pzxid: reader.ReadLong());

    public static void Write(JuteWriter writer, Stat stat)
    {
        writer.WriteLong(stat.Czxid);
        writer.WriteLong(stat.Mzxid);
        writer.WriteLong(stat.Ctime);
        writer.WriteLong(stat.Mtime);
        writer.WriteInt(stat.Version);
        writer.WriteInt(stat.Cversion);
        writer.WriteInt(stat.Aversion);
        writer.WriteLong(stat.EphemeralOwner);
        writer.WriteInt(stat.DataLength);
        writer.WriteInt(stat.NumChildren);
        writer.WriteLong(stat.Pzxid);
    }
}
