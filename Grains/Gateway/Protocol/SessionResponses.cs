namespace CoordinationService.Gateway.Protocol;

/// <summary>One identity of the session: ("ip", "127.0.0.1"), ("digest", "alice")...</summary>
public sealed record ClientInfo(string AuthScheme, string User);

/// <summary>whoAmI (107) reply: the session's identities, the ip one included.</summary>
public sealed record WhoAmIResponse(IReadOnlyList<ClientInfo>? ClientInfo) : IJuteRecord<WhoAmIResponse>
{
    public static WhoAmIResponse Read(ref JuteReader reader)
    {
        var count = reader.ReadVectorCount();
        if (count < 0)
        {
            return new WhoAmIResponse((IReadOnlyList<ClientInfo>?)null);
        }

        var items = new ClientInfo[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = new ClientInfo(reader.ReadString() ?? string.Empty, reader.ReadString() ?? string.Empty);
        }

        return new WhoAmIResponse(items);
    }

    public void Write(JuteWriter writer)
    {
        if (ClientInfo is null)
        {
            writer.WriteInt(-1);
            return;
        }

        writer.WriteInt(ClientInfo.Count);
        foreach (var info in ClientInfo)
        {
            writer.WriteString(info.AuthScheme);
            writer.WriteString(info.User);
        }
    }
}

/// <summary>
/// A notification's body, under a ReplyHeader with xid -1, zxid -1, err 0. Type as
/// Watcher.Event.EventType, state 3 (SyncConnected) for every event a live connection gets.
/// </summary>
public sealed record WatcherEvent(int Type, int State, string Path) : IJuteRecord<WatcherEvent>
{
    public const int SyncConnected = 3;

    public static readonly ReplyHeader Header = new(Xids.Notification, -1, 0);

    public static WatcherEvent Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadInt(), reader.ReadPath());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Type);
        writer.WriteInt(State);
        writer.WriteString(Path);
    }
}
