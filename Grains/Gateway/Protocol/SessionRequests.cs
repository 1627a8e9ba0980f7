namespace CoordinationService.Gateway.Protocol;

/// <summary>auth (100), sent with xid -4. An unknown scheme gets AuthFailed (-115) and a closed connection.</summary>
public sealed record AuthPacket(int Type, string Scheme, byte[]? Auth) : IJuteRecord<AuthPacket>
{
    public static AuthPacket Read(ref JuteReader reader) =>
        new(reader.ReadInt(), reader.ReadString() ?? throw new JuteFormatException("Null auth scheme"), reader.ReadBuffer());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Type);
        writer.WriteString(Scheme);
        writer.WriteBuffer(Auth);
    }
}

/// <summary>The body of requests and replies that have none: ping, closeSession, whoAmI requests; delete, check, addWatch... replies.</summary>
public sealed record EmptyRecord : IJuteRecord<EmptyRecord>
{
    public static readonly EmptyRecord Instance = new();

    public static EmptyRecord Read(ref JuteReader reader) => Instance;

    public void Write(JuteWriter writer)
    {
    }
}

/// <summary>An opcode this codec does not decode; ZooKeeper answers Unimplemented (-6) and closes the connection.</summary>
public sealed record UnknownRequest(int Type) : IJuteRecord
{
    public void Write(JuteWriter writer)
    {
    }
}

/// <summary>
/// A request whose header was read but whose body was not valid jute. ZooKeeper answers such a
/// request with MarshallingError (-5) under its xid and keeps the connection.
/// </summary>
public sealed record MalformedRequest(string Reason) : IJuteRecord
{
    public void Write(JuteWriter writer) => throw new InvalidOperationException("A malformed request cannot be written");
}
