using System.Buffers;
using CoordinationService.Gateway.Protocol;
using static CoordinationService.Tests.Gateway.Protocol.Bytes;

namespace CoordinationService.Tests.Gateway.Protocol;

public sealed class JuteReaderTests
{
    [Fact]
    public void PrimitivesAreBigEndian()
    {
        var reader = new JuteReader(Hex("00000102 0000000100000002 01 07"));
        Assert.Equal(258, reader.ReadInt());
        Assert.Equal(0x1_0000_0002L, reader.ReadLong());
        Assert.True(reader.ReadBool());
        Assert.True(reader.ReadBool()); // any non-zero byte, like DataInput.readBoolean
        Assert.True(reader.End);
    }

    [Fact]
    public void LengthMinusOneIsNullAndZeroIsEmpty()
    {
        var reader = new JuteReader(Hex("ffffffff ffffffff ffffffff 00000000 00000000 00000000"));
        Assert.Null(reader.ReadString());
        Assert.Null(reader.ReadBuffer());
        Assert.Null(reader.ReadStringVector());
        Assert.Equal(string.Empty, reader.ReadString());
        Assert.Empty(reader.ReadBuffer()!);
        Assert.Empty(reader.ReadStringVector()!);
    }

    [Fact]
    public void StringVectorReadsEachElement()
    {
        var reader = new JuteReader(Hex("00000002 00000001 61 00000002 6263"));
        Assert.Equal(["a", "bc"], reader.ReadStringVector()!);
    }

    [Fact]
    public void InvalidUtf8IsReplacedLikeJavasDecoder()
    {
        // Java's new String(bytes, UTF_8) substitutes U+FFFD for each malformed sequence.
        var reader = new JuteReader(Hex("00000004 61 ff c3 62"));
        Assert.Equal("a\uFFFD\uFFFDb", reader.ReadString());
    }

    [Theory]
    [InlineData("000000")]                 // int cut short
    [InlineData("00000001 00")]            // long cut short
    [InlineData("00000005 6162")]          // string body cut short
    public void TruncationIsAFormatError(string hex)
    {
        var bytes = Hex(hex);
        Assert.Throws<JuteFormatException>(() =>
        {
            var reader = new JuteReader(bytes);
            if (bytes.Length < 4)
            {
                reader.ReadInt();
            }
            else if (bytes.Length == 5)
            {
                reader.ReadInt();
                reader.ReadLong();
            }
            else
            {
                reader.ReadString();
            }
        });
    }

    [Fact]
    public void NegativeLengthOtherThanMinusOneIsAFormatError()
    {
        Assert.Throws<JuteFormatException>(() => new JuteReader(Hex("fffffffe")).ReadBuffer());
        Assert.Throws<JuteFormatException>(() => new JuteReader(Hex("fffffffe")).ReadString());
        Assert.Throws<JuteFormatException>(() => new JuteReader(Hex("fffffffe")).ReadVectorCount());
    }

    [Fact]
    public void LengthOverTheLimitIsAFormatErrorBeforeAnyAllocation()
    {
        Assert.Throws<JuteFormatException>(() => new JuteReader(Hex("00000005 0000000000"), maxFieldLength: 4).ReadBuffer());
        Assert.Equal(5, new JuteReader(Hex("00000005 0000000000"), maxFieldLength: 5).ReadBuffer()!.Length);

        // Default: jute.maxbuffer plus its 1 KiB of slack, as BinaryInputArchive.checkLength.
        var tooLong = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(tooLong, JuteLimits.MaxBuffer + JuteLimits.ExtraSize + 1);
        Assert.Throws<JuteFormatException>(() => new JuteReader(tooLong).ReadString());
    }

    [Fact]
    public void VectorCountLargerThanTheBytesLeftIsRefused()
    {
        Assert.Throws<JuteFormatException>(() => new JuteReader(Hex("00100000 00")).ReadStringVector());
    }

    [Fact]
    public void WriterProducesWhatTheReaderReads()
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new JuteWriter(output);
        writer.WriteInt(-2);
        writer.WriteLong(long.MinValue);
        writer.WriteBool(true);
        writer.WriteString("zk\u00e9");
        writer.WriteString(null);
        writer.WriteBuffer((byte[]?)null);
        writer.WriteStringVector(null);
        writer.WriteStringVector([]);
        Assert.Equal(
            Hex("fffffffe 8000000000000000 01 00000004 7a6bc3a9 ffffffff ffffffff ffffffff 00000000"),
            output.WrittenSpan.ToArray());
    }
}
