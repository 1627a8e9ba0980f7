namespace CoordinationService.Gateway.Protocol;

/// <summary>exists (3), getData (4), getChildren (8) and getChildren2 (12) share one layout: path, watch.</summary>
public sealed record PathWatchRequest(string Path, bool Watch) : IJuteRecord<PathWatchRequest>
{
    public static PathWatchRequest Read(ref JuteReader reader) => new(reader.ReadPath(), reader.ReadBool());

    public void Write(JuteWriter writer)
    {
        writer.WriteString(Path);
        writer.WriteBool(Watch);
    }
}

/// <summary>
/// getACL (6), sync (9), getAllChildrenNumber (104) and getEphemerals (103, where the path is a
/// plain string prefix) carry only a path.
/// </summary>
public sealed record PathRequest(string Path) : IJuteRecord<PathRequest>
{
    public static PathRequest Read(ref JuteReader reader) => new(reader.ReadPath());

    public void Write(JuteWriter writer) => writer.WriteString(Path);
}
