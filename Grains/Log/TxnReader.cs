using System.Buffers.Binary;
using System.Text;
using CoordinationService.Model;

namespace CoordinationService.Log;

/// <summary>
/// Little-endian primitive reader that treats every inconsistency as damage: reads past the end,
/// negative lengths and counts the remaining bytes cannot hold all throw <see cref="InvalidDataException"/>
/// before anything is allocated.
/// </summary>
internal ref struct TxnReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly int Remaining => _data.Length - _position;

    public byte ReadByte() => Take(1)[0];

    public bool ReadBool() => ReadByte() switch
    {
        0 => false,
        1 => true,
        var other => throw new InvalidDataException($"Invalid boolean byte {other} at offset {_position - 1}."),
    };

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(sizeof(long)));

    public byte[] ReadBytes() => Take(ReadLength()).ToArray();

    public string ReadString()
    {
        var bytes = Take(ReadLength());
        try
        {
            return TxnWriter.StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("Invalid UTF-8 in a string.", e);
        }
    }

    /// <summary>Reads an element count and checks the rest of the input can hold that many elements.</summary>
    public int ReadCount(int minElementSize)
    {
        var count = ReadInt32();
        if (count < 0 || (long)count * minElementSize > Remaining)
        {
            throw new InvalidDataException($"Invalid element count {count} with {Remaining} bytes left.");
        }

        return count;
    }

    public IReadOnlyList<AclEntry> ReadAcl()
    {
        // Permissions (4) plus two empty strings (4 + 4).
        var count = ReadCount(12);
        var acl = new AclEntry[count];
        for (var i = 0; i < count; i++)
        {
            var permissions = (Permissions)ReadInt32();
            var scheme = ReadString();
            acl[i] = new AclEntry(permissions, scheme, ReadString());
        }

        return acl;
    }

    public IReadOnlyList<string> ReadStrings()
    {
        var count = ReadCount(sizeof(int));
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = ReadString();
        }

        return values;
    }

    public readonly void EnsureEnd()
    {
        if (Remaining != 0)
        {
            throw new InvalidDataException($"{Remaining} trailing bytes after the record.");
        }
    }

    private int ReadLength()
    {
        var length = ReadInt32();
        if (length < 0 || length > Remaining)
        {
            throw new InvalidDataException($"Invalid length {length} with {Remaining} bytes left.");
        }

        return length;
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw new InvalidDataException($"Truncated: needed {count} bytes at offset {_position}, {Remaining} left.");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
