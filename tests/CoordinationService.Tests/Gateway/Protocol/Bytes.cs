using System.Buffers;

namespace CoordinationService.Tests.Gateway.Protocol;

/// <summary>Hex literals and multi-segment sequences for the codec tests.</summary>
internal static class Bytes
{
    public static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty));

    /// <summary>A sequence whose segments break at the given sizes, the way a pipe hands over reads.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, params int[] sizes)
    {
        Segment? first = null;
        Segment? last = null;
        var offset = 0;
        foreach (var size in sizes.Append(bytes.Length))
        {
            var end = Math.Min(bytes.Length, offset + size);
            var segment = new Segment(bytes.AsMemory(offset, end - offset), last);
            first ??= segment;
            last = segment;
            offset = end;
            if (offset == bytes.Length)
            {
                break;
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
