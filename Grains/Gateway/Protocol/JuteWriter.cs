using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using CoordinationService.Model;

namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// Writes jute's binary encoding (BinaryOutputArchive) straight into an <see cref="IBufferWriter{T}"/>.
/// A struct over the writer, so passing it to each record's Write costs nothing.
/// </summary>
public readonly struct JuteWriter(IBufferWriter<byte> output)
{
    public IBufferWriter<byte> Output { get; } = output;

    public void WriteInt(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Output.GetSpan(sizeof(int)), value);
        Output.Advance(sizeof(int));
    }

    public void WriteLong(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Output.GetSpan(sizeof(long)), value);
        Output.Advance(sizeof(long));
    }

    public void WriteBool(bool value)
    {
        Output.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        Output.Advance(1);
    }

    public void WriteBuffer(ReadOnlySpan<byte> value)
    {
        WriteInt(value.Length);
        Output.Write(value);
    }

    /// <summary>Null is written as length -1.</summary>
    public void WriteBuffer(byte[]? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        WriteBuffer(value.AsSpan());
    }

    /// <summary>Null is written as length -1.</summary>
    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt(-1);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt(length);
        if (length > 0)
        {
            var written = Encoding.UTF8.GetBytes(value, Output.GetSpan(length));
            Output.Advance(written);
        }
    }

    /// <summary>Null is written as count -1.</summary>
    public void WriteStringVector(IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            WriteString(values[i]);
        }
    }

    /// <summary>Null is written as count -1.</summary>
    public void WriteAclVector(IReadOnlyList<AclEntry>? values)
    {
        if (values is null)
        {
            WriteInt(-1);
            return;
        }

        WriteInt(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            JuteAcl.Write(this, values[i]);
        }
    }
}
