using System.Buffers;
using CoordinationService.Gateway.Protocol;
using static CoordinationService.Tests.Gateway.Protocol.Bytes;

namespace CoordinationService.Tests.Gateway.Protocol;

public sealed class FrameReaderTests
{
    private const int Max = JuteLimits.MaxBuffer;

    [Theory]
    [InlineData("")]
    [InlineData("000000")]
    [InlineData("00000003 0102")]
    public void IncompleteFrameLeavesTheBufferUntouched(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex(hex));
        Assert.False(FrameReader.TryReadFrame(ref buffer, Max, out _));
        Assert.Equal(Hex(hex).Length, buffer.Length);
    }

    [Fact]
    public void ZeroLengthFrameIsAnEmptyFrame()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("00000000"));
        Assert.True(FrameReader.TryReadFrame(ref buffer, Max, out var frame));
        Assert.True(frame.IsEmpty);
        Assert.True(buffer.IsEmpty);
    }

    [Fact]
    public void RequestOfExactlyMaxBufferIsAccepted()
    {
        // ZooKeeper accepts 1,048,575 bytes and closes the connection at 1,048,576.
        var bytes = new byte[4 + Max];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, Max);
        var buffer = new ReadOnlySequence<byte>(bytes);
        Assert.True(FrameReader.TryReadFrame(ref buffer, Max, out var frame));
        Assert.Equal(Max, frame.Length);
    }

    [Fact]
    public void OneByteOverMaxBufferIsRefusedFromThePrefixAlone()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("00100000"));
        var e = Assert.Throws<FrameTooLargeException>(() => FrameReader.TryReadFrame(ref buffer, Max, out _));
        Assert.Equal(Max + 1, e.Length);
    }

    [Fact]
    public void NegativeLengthIsRefused()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("ffffffff"));
        Assert.Throws<FrameTooLargeException>(() => FrameReader.TryReadFrame(ref buffer, Max, out _));
    }

    [Fact]
    public void TwoFramesInOneBufferComeOutInOrder()
    {
        var buffer = new ReadOnlySequence<byte>(Hex("00000002 0a0b 00000001 0c 0000"));
        Assert.True(FrameReader.TryReadFrame(ref buffer, Max, out var first));
        Assert.Equal(Hex("0a0b"), first.ToArray());
        Assert.True(FrameReader.TryReadFrame(ref buffer, Max, out var second));
        Assert.Equal(Hex("0c"), second.ToArray());
        Assert.False(FrameReader.TryReadFrame(ref buffer, Max, out _));
        Assert.Equal(2, buffer.Length);
    }

    [Fact]
    public void FrameSplitAcrossSegmentsIsReadWhole()
    {
        // Captured: kazoo's create("/k", b"hi") (see CapturedFrameTests), cut inside the prefix and the body.
        var bytes = Hex("000000330000000100000001000000022f6b000000026869000000010000001f00000005776f726c6400000006616e796f6e6500000000");
        var buffer = Segmented(bytes, 2, 7, 11);
        Assert.True(FrameReader.TryReadFrame(ref buffer, Max, out var frame));
        Assert.True(buffer.IsEmpty);
        var request = ZooRequest.Decode(frame);
        Assert.Equal(OpCode.Create, request.OpCode);
        Assert.Equal("/k", Assert.IsType<CreateRequest>(request.Body).Path);
    }

    [Fact]
    public void FrameWriterPrefixesTheLength()
    {
        var output = new ArrayBufferWriter<byte>();
        var frames = new FrameWriter();
        frames.WriteReply(output, new ReplyHeader(7, 0x11, 0), new IntResponse(12));
        frames.WriteReply(output, new ReplyHeader(8, 0x11, -101), null);
        Assert.Equal(
            Hex("00000014 00000007 0000000000000011 00000000 0000000c  00000010 00000008 0000000000000011 ffffff9b"),
            output.WrittenSpan.ToArray());
    }
}
