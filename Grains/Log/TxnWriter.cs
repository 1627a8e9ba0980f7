using System.Buffers.Binary;
using System.Text;
using CoordinationService.Model;

namespace CoordinationService.Log;

/// <summary>
/// Little-endian primitive writer. Run once with an empty buffer to measure, then once into an
/// exactly sized array, so an encoded txn costs one allocation and no copy.
/// </summary>
internal ref struct TxnWriter(Span<byte> buffer, bool measureOnly)
{
    // Strict, so an unpaired surrogate fails at encode time instead of silently turning into
    // U+FFFD and decoding to a different string than the one the leader validated.
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Span<byte> _buffer = buffer;
    private readonly bool _measureOnly = measureOnly;

    public int Position { get; private set; }

    public void WriteByte(byte value)
    {
        if (!_measureOnly)
        {
            _buffer[Position] = value;
        }

        Position += 1;
    }

    public void WriteBool(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt32(int value)
    {
        if (!_measureOnly)
        {
            BinaryPrimitives.WriteInt32LittleEndian(_buffer[Position..], value);
        }

        Position += sizeof(int);
    }

    public void WriteInt64(long value)
    {
        if (!_measureOnly)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer[Position..], value);
        }

        Position += sizeof(long);
    }

    /// <summary>A null array is written as empty: the contracts declare data non-null.</summary>
    public void WriteBytes(byte[]? value)
    {
        var bytes = value.AsSpan();
        WriteInt32(bytes.Length);
        if (!_measureOnly)
        {
            bytes.CopyTo(_buffer[Position..]);
        }

        Position += bytes.Length;
    }

    public void WriteString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_measureOnly)
        {
            Position += sizeof(int) + StrictUtf8.GetByteCount(value);
            return;
        }

        var length = StrictUtf8.GetBytes(value, _buffer[(Position + sizeof(int))..]);
        WriteInt32(length);
        Position += length;
    }

    public void WriteAcl(IReadOnlyList<AclEntry> acl)
    {
        ArgumentNullException.ThrowIfNull(acl);
        WriteInt32(acl.Count);
        foreach (var entry in acl)
        {
            WriteInt32((int)entry.Permissions);
            WriteString(entry.Scheme);
            WriteString(entry.Id);
        }
    }

    public void WriteStrings(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteInt32(values.Count);
        foreach (var value in values)
        {
            WriteString(value);
        }
    }
}
