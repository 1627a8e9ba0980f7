using System.Buffers;
using System.Buffers.Binary;

namespace CoordinationService.Gateway.Protocol;

/// <summary>Cuts length-prefixed frames (4-byte big-endian length, then the body) off a pipe's buffer.</summary>
public static class FrameReader
{
    public const int LengthPrefixSize = sizeof(int);

    /// <summary>
    /// Takes one whole frame's body off the front of <paramref name="buffer"/>; false, with the buffer
    /// untouched, while the frame is incomplete.
    /// </summary>
    /// <exception cref="FrameTooLargeException">The length is negative or over <paramref name="maxFrameLength"/>;
    /// the connection must be closed.</exception>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxFrameLength, out ReadOnlySequence<byte> frame)
    {
        if (buffer.Length < LengthPrefixSize)
        {
            frame = default;
            return false;
        }

        var length = ReadLength(buffer);
        if (length < 0 || length > maxFrameLength)
        {
            throw new FrameTooLargeException(length, maxFrameLength);
        }

        if (buffer.Length - LengthPrefixSize < length)
        {
            frame = default;
            return false;
        }

        frame = buffer.Slice(LengthPrefixSize, length);
        buffer = buffer.Slice(frame.End);
        return true;
    }

    private static int ReadLength(in ReadOnlySequence<byte> buffer)
    {
        var first = buffer.FirstSpan;
        if (first.Length >= LengthPrefixSize)
        {
            return BinaryPrimitives.ReadInt32BigEndian(first);
        }

        Span<byte> prefix = stackalloc byte[LengthPrefixSize];
        buffer.Slice(0, LengthPrefixSize).CopyTo(prefix);
        return BinaryPrimitives.ReadInt32BigEndian(prefix);
    }
}
