using System.Buffers;

namespace CoordinationService.Gateway.Protocol;

/// <summary>Reads a whole record from a frame, wherever the frame's bytes lie.</summary>
public static class JuteCodec
{
    /// <summary>Frames under this size that span pipe segments are joined on the stack.</summary>
    private const int StackLimit = 512;

    public static T Read<T>(ReadOnlySpan<byte> frame, int maxFieldLength = JuteLimits.MaxFieldLength)
        where T : IJuteRecord<T>
    {
        var reader = new JuteReader(frame, maxFieldLength);
        return T.Read(ref reader);
    }

    public static T Read<T>(in ReadOnlySequence<byte> frame, int maxFieldLength = JuteLimits.MaxFieldLength)
        where T : IJuteRecord<T>
    {
        if (frame.IsSingleSegment)
        {
            return Read<T>(frame.FirstSpan, maxFieldLength);
        }

        var length = checked((int)frame.Length);
        if (length <= StackLimit)
        {
            Span<byte> joined = stackalloc byte[length];
            frame.CopyTo(joined);
            return Read<T>(joined, maxFieldLength);
        }

        // Records copy what they keep (strings, buffers), so the rented array can go back at once.
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            frame.CopyTo(rented);
            return Read<T>(rented.AsSpan(0, length), maxFieldLength);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Writes a record to a new array, for tests and for the rare reply built off the hot path.</summary>
    public static byte[] ToArray(IJuteRecord record)
    {
        var output = new ArrayBufferWriter<byte>();
        record.Write(new JuteWriter(output));
        return output.WrittenSpan.ToArray();
    }
}
