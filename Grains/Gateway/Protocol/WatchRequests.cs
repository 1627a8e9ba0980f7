namespace CoordinationService.Gateway.Protocol;

/// <summary>addWatch (106): mode 0 persistent, 1 persistent recursive.</summary>
public sealed record AddWatchRequest(string Path, int Mode) : IJuteRecord<AddWatchRequest>
{
    public static AddWatchRequest Read(ref JuteReader reader) => new(reader.ReadPath(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Mode);
    }
}

/// <summary>checkWatches (17) and removeWatches (18): type 1 children, 2 data, 3 any.</summary>
public sealed record WatchTypeRequest(string Path, int Type) : IJuteRecord<WatchTypeRequest>
{
    public static WatchTypeRequest Read(ref JuteReader reader) => new(reader.ReadPath(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteInt(Type);
    }
}

/// <summary>
/// setWatches (101, three lists) and setWatches2 (105, five lists): re-registers watches after a
/// reconnect. Clients send them with xid -8; the server first sends the events missed since
/// <paramref name="RelativeZxid"/>, then an empty reply. <paramref name="PersistentWatches"/> and
/// <paramref name="PersistentRecursiveWatches"/> are null for setWatches.
/// </summary>
public sealed record SetWatchesRequest(
    long RelativeZxid,
    IReadOnlyList<string> DataWatches,
    IReadOnlyList<string> ExistWatches,
    IReadOnlyList<string> ChildWatches,
    IReadOnlyList<string>? PersistentWatches,
    IReadOnlyList<string>? PersistentRecursiveWatches) : IJuteRecord
{
    public bool IsVersion2 => PersistentWatches is not null;

    public static SetWatchesRequest ReadVersion1(ref JuteReader reader) => new(
        reader.ReadLong(),
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        null,
        null);

    public static SetWatchesRequest ReadVersion2(ref JuteReader reader) => new(
        reader.ReadLong(),
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? [],
        reader.ReadStringVector() ?? []);

    public void Write(JuteWriter writer)
    {
        writer.WriteLong(RelativeZxid);
        writer.WriteStringVector(DataWatches);
        writer.WriteStringVector(ExistWatches);
        writer.WriteStringVector(ChildWatches);
        if (IsVersion2)
        {
            writer.WriteStringVector(PersistentWatches);
            writer.WriteStringVector(PersistentRecursiveWatches ?? []);
        }
    }
}
