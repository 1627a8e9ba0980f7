using CoordinationService.Log;
using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

public sealed class TxnCodecTests
{
    [Fact]
    public void CodecRoundTripsEveryTxnKind()
    {
        var counter = 0L;
        foreach (var body in SampleTxns.EveryKind())
        {
            var record = new TxnRecord(Zxid.Create(3, ++counter), 1_700_000_000_123, new SessionId(-counter), body);

            var bytes = TxnCodec.Encode(record);
            var decoded = TxnCodec.Decode(bytes);

            TxnComparer.AssertEqual(record, decoded);
            // Deterministic: what a replica re-encodes is byte-identical to what the leader wrote.
            Assert.Equal(bytes, TxnCodec.Encode(decoded));
        }
    }

    [Fact]
    public void EncodingIsLittleEndianBehindAFormatByte()
    {
        var bytes = TxnCodec.Encode(new TxnRecord(new Zxid(0x0102), 3, new SessionId(4), new EpochTxn(5)));

        byte[] expected =
        [
            TxnCodec.FormatVersion,
            0x02, 0x01, 0, 0, 0, 0, 0, 0,
            3, 0, 0, 0, 0, 0, 0, 0,
            4, 0, 0, 0, 0, 0, 0, 0,
            10,
            5, 0, 0, 0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void MalformedEncodingIsRejected()
    {
        foreach (var body in SampleTxns.EveryKind())
        {
            var bytes = TxnCodec.Encode(new TxnRecord(Zxid.Create(1, 1), 0, SessionId.None, body));

            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Throws<InvalidDataException>(() => TxnCodec.Decode(bytes.AsSpan(0, length)));
            }

            Assert.Throws<InvalidDataException>(() => TxnCodec.Decode([.. bytes, 0]));
        }
    }

    [Theory]
    [InlineData(0, new byte[] { 2 })]                    // unknown format version
    [InlineData(25, new byte[] { 0 })]                   // tag zero
    [InlineData(25, new byte[] { 11 })]                  // unknown tag
    [InlineData(26, new byte[] { 0xff, 0xff, 0xff, 0xff })] // negative string length
    [InlineData(26, new byte[] { 3, 0, 0, 0 })]          // length beyond the end
    [InlineData(30, new byte[] { 0xc3 })]                // invalid UTF-8
    public void CorruptFieldIsRejected(int offset, byte[] patch)
    {
        var bytes = TxnCodec.Encode(new TxnRecord(Zxid.Create(1, 1), 0, SessionId.None, new DeleteTxn("/a")));
        patch.CopyTo(bytes, offset);

        Assert.Throws<InvalidDataException>(() => TxnCodec.Decode(bytes));
    }

    [Fact]
    public void HugeCountDoesNotAllocateBeforeFailing()
    {
        var bytes = TxnCodec.Encode(new TxnRecord(Zxid.Create(1, 1), 0, SessionId.None, new MultiTxn([])));
        bytes.AsSpan()[^4..].Fill(0x7f);

        Assert.Throws<InvalidDataException>(() => TxnCodec.Decode(bytes));
    }
}
