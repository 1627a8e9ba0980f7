namespace CoordinationService.Gateway.Protocol;

/// <summary>Precedes every request after the handshake: the client's xid and the opcode.</summary>
public readonly record struct RequestHeader(int Xid, int Type) : IJuteRecord<RequestHeader>
{
    public const int Size = 8;

    public OpCode OpCode => (OpCode)Type;

    public static RequestHeader Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteInt(Type);
    }
}

/// <summary>Precedes every reply and notification. A failed request has only this header, no body.</summary>
public readonly record struct ReplyHeader(int Xid, long Zxid, int Err) : IJuteRecord<ReplyHeader>
{
    public const int Size = 16;

    public static ReplyHeader Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadLong(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Xid);
        writer.WriteLong(Zxid);
        writer.WriteInt(Err);
    }
}

/// <summary>
/// Precedes each op of a multi or multiRead, in requests and replies. Clients send err -1; the
/// list ends with (type -1, done true, err -1). In replies a failed op has type -1 and its code in err.
/// </summary>
public readonly record struct MultiHeader(int Type, bool Done, int Err) : IJuteRecord<MultiHeader>
{
    public static readonly MultiHeader End = new(-1, true, -1);

    public static MultiHeader Read(ref JuteReader reader) => new(reader.ReadInt(), reader.ReadBool(), reader.ReadInt());

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(Type);
        writer.WriteBool(Done);
        writer.WriteInt(Err);
    }
}
