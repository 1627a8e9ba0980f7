using System.Buffers;

namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// A decoded request frame (after the handshake): the header and a typed body. An opcode this codec
/// does not know gives an <see cref="UnknownRequest"/> body (answer Unimplemented, -6); a body that
/// is not valid jute gives a <see cref="MalformedRequest"/> (answer MarshallingError, -5). Bytes after
/// the body are ignored, as ZooKeeper ignores them.
/// </summary>
public sealed record ZooRequest(RequestHeader Header, IJuteRecord Body)
{
    public OpCode OpCode => Header.OpCode;

    public int Xid => Header.Xid;

    /// <exception cref="JuteFormatException">The frame is too short to hold a RequestHeader, so there is no xid to answer.</exception>
    public static ZooRequest Decode(ReadOnlySpan<byte> frame, int maxFieldLength = JuteLimits.MaxFieldLength)
    {
        var reader = new JuteReader(frame, maxFieldLength);
        var header = RequestHeader.Read(ref reader);
        try
        {
            return new ZooRequest(header, ReadBody(header.OpCode, ref reader));
        }
        catch (JuteFormatException e)
        {
            return new ZooRequest(header, new MalformedRequest(e.Message));
        }
    }

    /// <inheritdoc cref="Decode(ReadOnlySpan{byte}, int)"/>
    public static ZooRequest Decode(in ReadOnlySequence<byte> frame, int maxFieldLength = JuteLimits.MaxFieldLength)
    {
        if (frame.IsSingleSegment)
        {
            return Decode(frame.FirstSpan, maxFieldLength);
        }

        var length = checked((int)frame.Length);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            return Decode(rented.AsSpan(0, length), maxFieldLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes this request as a whole frame (what a client sends); for tests and tools.</summary>
    public void WriteFrame(FrameWriter frames, IBufferWriter<byte> output)
    {
        var writer = frames.Begin();
        Header.Write(writer);
        Body.Write(writer);
        frames.CopyTo(output);
    }

    private static IJuteRecord ReadBody(OpCode opCode, ref JuteReader reader) => opCode switch
    {
        OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Read(ref reader),
        OpCode.CreateTtl => CreateTtlRequest.Read(ref reader),
        OpCode.Delete or OpCode.DeleteContainer => DeleteRequest.Read(ref reader),
        OpCode.Exists or OpCode.GetData or OpCode.GetChildren or OpCode.GetChildren2 => PathWatchRequest.Read(ref reader),
        OpCode.SetData => SetDataRequest.Read(ref reader),
        OpCode.GetAcl or OpCode.Sync or OpCode.GetEphemerals or OpCode.GetAllChildrenNumber => PathRequest.Read(ref reader),
        OpCode.SetAcl => SetAclRequest.Read(ref reader),
        OpCode.Check => CheckVersionRequest.Read(ref reader),
        OpCode.Multi or OpCode.MultiRead => MultiRequest.Read(ref reader),
        OpCode.AddWatch => AddWatchRequest.Read(ref reader),
        OpCode.CheckWatches or OpCode.RemoveWatches => WatchTypeRequest.Read(ref reader),
        OpCode.SetWatches => SetWatchesRequest.ReadVersion1(ref reader),
        OpCode.SetWatches2 => SetWatchesRequest.ReadVersion2(ref reader),
        OpCode.Auth => AuthPacket.Read(ref reader),
        OpCode.Ping or OpCode.CloseSession or OpCode.WhoAmI => EmptyRecord.Instance,
        _ => new UnknownRequest((int)opCode),
    };
}
