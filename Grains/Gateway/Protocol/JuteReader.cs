using System.Buffers.Binary;
using System.Text;
using CoordinationService.Model;

namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// Reads jute's binary encoding (BinaryInputArchive) from a contiguous buffer: big-endian
/// integers, one-byte booleans, and int-length-prefixed buffers, strings and vectors where -1
/// means null.
/// </summary>
public ref struct JuteReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _maxFieldLength;
    private int _position;

    public JuteReader(ReadOnlySpan<byte> buffer, int maxFieldLength = JuteLimits.MaxFieldLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxFieldLength);
        _buffer = buffer;
        _maxFieldLength = maxFieldLength;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool End => _position == _buffer.Length;

    public int ReadInt() => BinaryPrimitives.ReadInt32BigEndian(Take(sizeof(int)));

    public long ReadLong() => BinaryPrimitives.ReadInt64BigEndian(Take(sizeof(long)));

    /// <summary>Any non-zero byte is true, as java.io.DataInput.readBoolean has it.</summary>
    public bool ReadBool() => Take(1)[0] != 0;

    public byte[]? ReadBuffer()
    {
        var length = ReadLength("buffer");
        return length < 0 ? null : Take(length).ToArray();
    }

    /// <summary>Invalid UTF-8 becomes U+FFFD, as Java's <c>new String(bytes, UTF_8)</c> decodes it.</summary>
    public string? ReadString()
    {
        var length = ReadLength("string");
        return length < 0 ? null : Encoding.UTF8.GetString(Take(length));
    }

    /// <summary>A vector's element count: -1 for null.</summary>
    public int ReadVectorCount()
    {
        var count = ReadLength("vector");
        if (count > Remaining)
        {
            // Every element takes at least one byte: refuse before the caller allocates for it.
            throw Truncated(count);
        }

        return count;
    }

    public IReadOnlyList<string>? ReadStringVector()
    {
        var count = ReadVectorCount();
        if (count < 0)
        {
            return null;
        }

        var items = new string[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = ReadString() ?? throw new JuteFormatException($"Null string at element {i} of a vector");
        }

        return items;
    }

    public IReadOnlyList<AclEntry>? ReadAclVector()
    {
        var count = ReadVectorCount();
        if (count < 0)
        {
            return null;
        }

        var items = new AclEntry[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = JuteAcl.Read(ref this);
        }

        return items;
    }

    private int ReadLength(string what)
    {
        var length = ReadInt();
        if (length == -1)
        {
            return -1;
        }

        if (length < 0 || length > _maxFieldLength)
        {
            throw new JuteFormatException($"Unreasonable {what} length {length} at offset {_position - sizeof(int)}");
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Truncated(count);
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    private readonly JuteFormatException Truncated(int wanted) =>
        new($"Record truncated: needed {wanted} bytes at offset {_position}, {Remaining} left");
}
