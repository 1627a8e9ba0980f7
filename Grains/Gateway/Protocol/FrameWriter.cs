using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// Builds length-prefixed frames. The length is known only once the body is written, so the body
/// goes into a reusable scratch buffer first; one per connection, not thread-safe.
/// </summary>
public sealed class FrameWriter
{
    private readonly ArrayBufferWriter<byte> _scratch = new(256);

    /// <summary>Starts a frame; write the body through the returned writer, then call <see cref="CopyTo"/>.</summary>
    public JuteWriter Begin()
    {
        _scratch.ResetWrittenCount();
        _scratch.GetSpan(FrameReader.LengthPrefixSize);
        _scratch.Advance(FrameReader.LengthPrefixSize);
        return new JuteWriter(_scratch);
    }

    /// <summary>Fills in the length prefix and copies the whole frame to <paramref name="output"/>.</summary>
    public void CopyTo(IBufferWriter<byte> output)
    {
        var frame = MemoryMarshal.AsMemory(_scratch.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - FrameReader.LengthPrefixSize);
        output.Write(frame);
    }

    /// <summary>Writes a reply: header, then the body if there is one.</summary>
    public void WriteReply(IBufferWriter<byte> output, ReplyHeader header, IJuteRecord? body)
    {
        var writer = Begin();
        header.Write(writer);
        body?.Write(writer);
        CopyTo(output);
    }

    /// <summary>Writes a record with no header (the ConnectRequest and ConnectResponse of the handshake).</summary>
    public void WriteRecord(IBufferWriter<byte> output, IJuteRecord record)
    {
        var writer = Begin();
        record.Write(writer);
        CopyTo(output);
    }
}
