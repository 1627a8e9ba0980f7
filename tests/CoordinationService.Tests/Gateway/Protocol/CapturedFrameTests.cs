using System.Buffers;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;
using CoordinationService.Results;
using static CoordinationService.Tests.Gateway.Protocol.Bytes;

namespace CoordinationService.Tests.Gateway.Protocol;

/// <summary>
/// Whole frames (length prefix included) captured on loopback between a real ZooKeeper 3.8.0
/// standalone server (Debian package, extendedTypesEnabled) and kazoo 2.8 or a hand-built Python
/// client, through a logging TCP proxy. Requests must decode and re-encode to the same bytes;
/// replies built by the mapping must equal what the server sent.
/// </summary>
public sealed class CapturedFrameTests
{
    private static ReadOnlySequence<byte> Frame(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex(hex));
        Assert.True(FrameReader.TryReadFrame(ref buffer, JuteLimits.MaxBuffer, out var frame));
        Assert.True(buffer.IsEmpty);
        return frame;
    }

    private static byte[] Reply(int xid, OpReply reply, ZooRequest request)
    {
        var output = new ArrayBufferWriter<byte>();
        new FrameWriter().WriteReply(output, ResponseMapping.ToReplyHeader(xid, reply), ResponseMapping.ToResponseBody(request, reply));
        return output.WrittenSpan.ToArray();
    }

    private static void AssertReencodes(ZooRequest request, string hex)
    {
        var output = new ArrayBufferWriter<byte>();
        request.WriteFrame(new FrameWriter(), output);
        Assert.Equal(Hex(hex), output.WrittenSpan.ToArray());
    }

    [Fact]
    public void KazooHandshakeSendsReadOnlyAndTheServerEchoesIt()
    {
        var request = JuteCodec.Read<ConnectRequest>(Frame(
            "0000002d00000000000000000000000000000fa00000000000000000000000100000000000000000000000000000000000"));
        Assert.Equal((4000, false), (request.TimeOut, request.ReadOnly!.Value));
        var response = JuteCodec.Read<ConnectResponse>(Frame(
            "000000250000000000000fa0010000192b680000000000102a2ab3cd6fe177a41882e977d03c102d00"));
        Assert.Equal((4000, 0x10000192b680000L, false), (response.TimeOut, response.SessionId, response.ReadOnly!.Value));
        var built = ResponseMapping.ToConnectResponse(request, new SessionCreatedResult(new SessionId(response.SessionId), response.Passwd!, 4000));
        Assert.Equal(Hex("0000000000000fa0010000192b680000000000102a2ab3cd6fe177a41882e977d03c102d00"), JuteCodec.ToArray(built));
    }

    [Fact]
    public void OldClientWithoutReadOnlyGetsA36ByteResponse()
    {
        var request = JuteCodec.Read<ConnectRequest>(Frame(
            "0000002c00000000000000000000000000000fa000000000000000000000001000000000000000000000000000000000"));
        Assert.Null(request.ReadOnly);
        var response = JuteCodec.Read<ConnectResponse>(Frame(
            "000000240000000000000fa0010000192b680001000000103d4badcd0f2d57e90dc550a3a4c524fa"));
        Assert.Null(response.ReadOnly);
        var built = ResponseMapping.ToConnectResponse(request, new SessionCreatedResult(new SessionId(response.SessionId), response.Passwd!, 4000));
        Assert.Equal(36, JuteCodec.ToArray(built).Length);
    }

    [Fact]
    public void KazooCreateAndSetDataRoundTrip()
    {
        const string Create = "000000330000000100000001000000022f6b000000026869000000010000001f00000005776f726c6400000006616e796f6e6500000000";
        var create = ZooRequest.Decode(Frame(Create));
        AssertReencodes(create, Create);
        var contract = Assert.IsType<CoordinationService.Requests.CreateRequest>(RequestMapping.ToContract(create));
        Assert.Equal(("/k", CreateMode.Persistent), (contract.Path, contract.Mode));
        Assert.Equal(
            Hex("0000001600000001000000000000000200000000000000022f6b"),
            Reply(1, new OpReply(ResultCode.Ok, new CreateResult("/k", new Stat(2, 2, 0, 0, 0, 0, 0, 0, 2, 0, 2)), 2), create));

        const string SetData = "000000180000000700000005000000022f6b000000027632ffffffff";
        AssertReencodes(ZooRequest.Decode(Frame(SetData)), SetData);
    }

    [Fact]
    public void NotificationArrivesWithXidAndZxidMinusOne()
    {
        var frame = Frame("0000001effffffffffffffffffffffff000000000000000300000003000000022f6b");
        var reader = new JuteReader(frame.FirstSpan);
        Assert.Equal(WatcherEvent.Header, ReplyHeader.Read(ref reader));
        var watcherEvent = WatcherEvent.Read(ref reader);
        Assert.Equal(ResponseMapping.ToWatcherEvent(new CoordinationService.Watches.WatchEvent(
            CoordinationService.Watches.WatchEventType.NodeDataChanged, "/k", 4)), watcherEvent);
    }

    [Fact]
    public void SuccessfulMultiAnswersEachOpWithItsTypeAndBody()
    {
        const string Request =
            "000000870000000b0000000e0000000100ffffffff000000042f6b2f740000000178000000010000001f00000005776f726c6400000006616e796f6e65000000000000000500ffffffff000000022f6b000000027633ffffffff0000000d00ffffffff000000022f6b000000020000000200ffffffff000000042f6b2f74ffffffffffffffff01ffffffff";
        var request = ZooRequest.Decode(Frame(Request));
        AssertReencodes(request, Request);
        var multi = Assert.IsType<CoordinationService.Requests.MultiRequest>(RequestMapping.ToContract(request));
        Assert.Equal(4, multi.Ops.Count);

        var stat = new Stat(2, 6, 0x1a208ed906b, 0x1a208ed9170, 2, 2, 1, 0, 2, 2, 6);
        var reply = new OpReply(ResultCode.Ok, new MultiResult(
        [
            new OpReply(ResultCode.Ok, new CreateResult("/k/t", stat), 6),
            new OpReply(ResultCode.Ok, new StatResult(stat), 6),
            new OpReply(ResultCode.Ok, EmptyResult.Instance, 6),
            new OpReply(ResultCode.Ok, EmptyResult.Instance, 6),
        ]), 6);
        Assert.Equal(
            Hex("000000890000000b000000000000000600000000000000010000000000000000042f6b2f7400000005000000000000000000000000020000000000000006000001a208ed906b000001a208ed91700000000200000002000000010000000000000000000000020000000200000000000000060000000d0000000000000000020000000000ffffffff01ffffffff"),
            Reply(0x0b, reply, request));
    }

    [Fact]
    public void FailedMultiAnswersErrZeroWithEveryOpAsAnError()
    {
        var request = ZooRequest.Decode(Frame(
            "000000710000000c0000000e0000000100ffffffff000000042f6b2f750000000178000000010000001f00000005776f726c6400000006616e796f6e65000000000000000d00ffffffff000000022f6b000000630000000200ffffffff000000072f6b2f6e6f6e65ffffffffffffffff01ffffffff"));
        var reply = new OpReply(ResultCode.BadVersion, new MultiResult(
        [
            OpReply.Error(ResultCode.Ok, 7),
            OpReply.Error(ResultCode.BadVersion, 7),
            OpReply.Error(ResultCode.RuntimeInconsistency, 7),
        ]), 7);
        Assert.Equal(
            Hex("000000400000000c000000000000000700000000ffffffff000000000000000000ffffffff00ffffff99ffffff99ffffffff00fffffffefffffffeffffffff01ffffffff"),
            Reply(0x0c, reply, request));
    }

    [Fact]
    public void InsideAMultiCreate2AnswersAsCreateWhileContainerAndTtlAnswerAsCreate2()
    {
        var request = ZooRequest.Decode(Frame(
            "000000e5000000060000000e0000000f00ffffffff000000032f6d3200000000000000010000001f00000005776f726c6400000006616e796f6e65000000000000001300ffffffff000000032f6d6300000000000000010000001f00000005776f726c6400000006616e796f6e65000000040000001500ffffffff000000032f6d7400000000000000010000001f00000005776f726c6400000006616e796f6e6500000005000000000000ea600000000100ffffffff000000032f6d3100000000000000010000001f00000005776f726c6400000006616e796f6e6500000000ffffffff01ffffffff"));
        var modes = Assert.IsType<CoordinationService.Requests.MultiRequest>(RequestMapping.ToContract(request)).Ops
            .Cast<CoordinationService.Requests.CreateRequest>().Select(c => (c.Mode, c.Ttl));
        Assert.Equal([(CreateMode.Persistent, 0L), (CreateMode.Container, 0L), (CreateMode.PersistentWithTtl, 60000L), (CreateMode.Persistent, 0L)], modes);

        var stat = new Stat(0x11, 0x11, 0x1a208edcb9e, 0x1a208edcb9e, 0, 0, 0, 0, 0, 0, 0x11);
        var reply = new OpReply(ResultCode.Ok, new MultiResult(
        [
            new OpReply(ResultCode.Ok, new CreateResult("/m2", stat), 0x11),
            new OpReply(ResultCode.Ok, new CreateResult("/mc", stat), 0x11),
            new OpReply(ResultCode.Ok, new CreateResult("/mt", stat), 0x11),
            new OpReply(ResultCode.Ok, new CreateResult("/m1", stat), 0x11),
        ]), 0x11);
        Assert.Equal(
            Hex("000000e100000006000000000000001100000000000000010000000000000000032f6d320000000f0000000000000000032f6d6300000000000000110000000000000011000001a208edcb9e000001a208edcb9e0000000000000000000000000000000000000000000000000000000000000000000000110000000f0000000000000000032f6d7400000000000000110000000000000011000001a208edcb9e000001a208edcb9e000000000000000000000000000000000000000000000000000000000000000000000011000000010000000000000000032f6d31ffffffff01ffffffff"),
            Reply(6, reply, request));
    }

    [Fact]
    public void MultiReadMixesResultsAndErrors()
    {
        var response = JuteCodec.Read<MultiResponse>(Frame(
            "0000008c00000001000000000000001500000000000000040000000000000000036e6577000000000000000d0000000000000012000001a208edcb8c000001a208edce1400000001000000030000000000000000000000000000000300000001000000000000001400000008000000000000000001000000017affffffff00ffffff9bffffff9bffffffff01ffffffff")
            .Slice(ReplyHeader.Size));
        Assert.Equal([4, 8, -1], response.Results.Select(r => r.Type));
        Assert.Equal(Hex("6e6577"), Assert.IsType<GetDataResponse>(response.Results[0].Body).Data);
        Assert.Equal(["z"], Assert.IsType<StringListResponse>(response.Results[1].Body).Items!);
        Assert.Equal(new IntResponse(-101), response.Results[2].Body);
    }

    [Fact]
    public void WhoAmIListsEveryIdentity()
    {
        Assert.Same(EmptyRecord.Instance, ZooRequest.Decode(Frame("00000008000000080000006b")).Body);
        var response = JuteCodec.Read<WhoAmIResponse>(Frame(
            "0000003a00000008000000000000001100000000000000020000000664696765737400000005616c696365000000026970000000093132372e302e302e31")
            .Slice(ReplyHeader.Size));
        Assert.Equal([new ClientInfo("digest", "alice"), new ClientInfo("ip", "127.0.0.1")], response.ClientInfo!);
    }

    [Fact]
    public void AddWatchIsAnsweredWithAnErrorResponseOfZero()
    {
        var request = ZooRequest.Decode(Frame("00000013000000090000006a000000032f633200000001"));
        Assert.Equal(CoordinationService.Requests.AddWatchMode.PersistentRecursive,
            Assert.IsType<CoordinationService.Requests.AddWatchRequest>(RequestMapping.ToContract(request)).Mode);
        Assert.Equal(Hex("000000140000000900000000000000110000000000000000"), Reply(9, new OpReply(ResultCode.Ok, EmptyResult.Instance, 0x11), request));
    }

    [Fact]
    public void GetEphemeralsAndGetAllChildrenNumber()
    {
        var ephemerals = ZooRequest.Decode(Frame("0000000e0000000a00000067000000022f63"));
        Assert.Equal(Hex("0000001d0000000a00000000000000110000000000000001000000052f63322f65"),
            Reply(0x0a, new OpReply(ResultCode.Ok, new PathsResult(["/c2/e"]), 0x11), ephemerals));
        var count = ZooRequest.Decode(Frame("0000000d0000000b00000068000000012f"));
        Assert.Equal(Hex("000000140000000b0000000000000011000000000000000c"),
            Reply(0x0b, new OpReply(ResultCode.Ok, new CountResult(12), 0x11), count));
    }

    [Fact]
    public void SetWatches2AndCheckWatchesAreAnsweredWithTheHeaderAlone()
    {
        // Hand-built by the capture client (jute layout from javap), accepted by the server with an empty reply.
        var setWatches2 = ZooRequest.Decode(Frame(
            "00000036000000110000006900000000000000010000000000000001000000022f790000000000000001000000022f7000000001000000022f72"));
        Assert.Equal(["/y"], Assert.IsType<SetWatchesRequest>(setWatches2.Body).ExistWatches);
        Assert.Null(RequestMapping.ToContract(setWatches2));
        Assert.Equal(Hex("0000001000000011000000000000001100000000"), Reply(0x11, new OpReply(ResultCode.Ok, null, 0x11), setWatches2));

        var checkWatches = ZooRequest.Decode(Frame("000000130000000f00000011000000032f633200000002"));
        Assert.Equal(Hex("000000100000000f0000000000000011ffffff87"), Reply(0x0f, OpReply.Error(ResultCode.NoWatcher, 0x11), checkWatches));
    }

    [Fact]
    public void FailedReadIsTheHeaderAlone()
    {
        var exists = ZooRequest.Decode(Frame("000000120000000e00000003000000052f6e6f706500"));
        Assert.Equal(Hex("000000100000000e0000000000000008ffffff9b"), Reply(0x0e, OpReply.Error(ResultCode.NoNode, 8), exists));
    }

    [Fact]
    public void UnknownOpcodeIsSurfacedForAnUnimplementedReply()
    {
        var request = ZooRequest.Decode(Frame("000000080000001400007777"));
        Assert.Equal(new UnknownRequest(0x7777), request.Body);
        Assert.Null(RequestMapping.ToContract(request));
        // The server answered "0000001000000014 ffffffffffffffff fffffffa" (zxid -1, Unimplemented) and closed.
    }
}
