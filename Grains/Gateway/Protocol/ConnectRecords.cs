namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// The first frame of a connection, with no RequestHeader. <paramref name="ReadOnly"/> is null when
/// the client did not send the trailing byte (ZooKeeper then treats it as an old client and leaves the
/// byte out of its ConnectResponse too).
/// </summary>
public sealed record ConnectRequest(
    int ProtocolVersion,
    long LastZxidSeen,
    int TimeOut,
    long SessionId,
    byte[]? Passwd,
    bool? ReadOnly) : IJuteRecord<ConnectRequest>
{
    public static ConnectRequest Read(ref JuteReader reader) => new(
        reader.ReadInt(),
        reader.ReadLong(),
        reader.ReadInt(),
        reader.ReadLong(),
        reader.ReadBuffer(),
        reader.End ? null : reader.ReadBool());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteLong(LastZxidSeen);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (ReadOnly is { } readOnly)
        {
            writer.WriteBool(readOnly);
        }
    }
}

/// <summary>
/// The handshake reply: 36 bytes, plus the readOnly byte only when the request carried one
/// (<paramref name="ReadOnly"/> null leaves it out).
/// </summary>
public sealed record ConnectResponse(
    int ProtocolVersion,
    int TimeOut,
    long SessionId,
    byte[]? Passwd,
    bool? ReadOnly) : IJuteRecord<ConnectResponse>
{
    /// <summary>What ZooKeeper sends for an expired, closed or unknown session, or a wrong password.</summary>
    public static ConnectResponse Refused(bool? readOnly) => new(0, 0, 0, new byte[16], readOnly is null ? null : false);

    public static ConnectResponse Read(ref JuteReader reader) => new(
        reader.ReadInt(),
        reader.ReadInt(),
        reader.ReadLong(),
        reader.ReadBuffer(),
        reader.End ? null : reader.ReadBool());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(ProtocolVersion);
        writer.WriteInt(TimeOut);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Passwd);
        if (ReadOnly is { } readOnly)
        {
            writer.WriteBool(readOnly);
        }
    }
}
