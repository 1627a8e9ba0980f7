using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;
using static CoordinationService.Tests.Gateway.Protocol.Bytes;

namespace CoordinationService.Tests.Gateway.Protocol;

/// <summary>Each record against bytes written out by hand from zookeeper.jute (field order checked with javap on the 3.8 jars).</summary>
public sealed class RecordLayoutTests
{
    private const string WorldAnyoneAll = "00000001 0000001f 00000005 776f726c64 00000006 616e796f6e65";
    private const string StatHex =
        "0000000000000001 0000000000000002 0000000000000003 0000000000000004 00000005 00000006 00000007 0000000000000008 00000009 0000000a 000000000000000b";
    private static readonly Stat SampleStat = new(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);

    private static T RoundTrip<T>(string hex)
        where T : IJuteRecord<T>
    {
        var bytes = Hex(hex);
        var record = JuteCodec.Read<T>(bytes);
        Assert.Equal(bytes, JuteCodec.ToArray(record));
        return record;
    }

    private static ZooRequest DecodeRequest(string hex)
    {
        var bytes = Hex(hex);
        var request = ZooRequest.Decode(bytes);
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        request.WriteFrame(new FrameWriter(), output);
        Assert.Equal(bytes, output.WrittenSpan[4..].ToArray());
        return request;
    }

    [Fact]
    public void ConnectRequestWithAndWithoutTheReadOnlyByte()
    {
        const string Fields = "00000000 0000000000000010 00001388 0000000000000abc 00000002 0102";
        var modern = RoundTrip<ConnectRequest>(Fields + "01");
        Assert.Equal((0, 0x10L, 5000, 0xabcL, true), (modern.ProtocolVersion, modern.LastZxidSeen, modern.TimeOut, modern.SessionId, modern.ReadOnly!.Value));
        Assert.Equal(Hex("0102"), modern.Passwd);
        Assert.Null(RoundTrip<ConnectRequest>(Fields).ReadOnly);
    }

    [Fact]
    public void ConnectResponseWritesReadOnlyOnlyWhenAsked()
    {
        var response = new ConnectResponse(0, 4000, 0x100, new byte[16], null);
        Assert.Equal(36, JuteCodec.ToArray(response).Length);
        Assert.Equal(37, JuteCodec.ToArray(response with { ReadOnly = false }).Length);
        var refused = JuteCodec.ToArray(ConnectResponse.Refused(readOnly: null));
        Assert.Equal(Hex("00000000 00000000 0000000000000000 00000010 00000000000000000000000000000000"), refused);
    }

    [Fact]
    public void Headers()
    {
        Assert.Equal(new RequestHeader(7, 4), RoundTrip<RequestHeader>("00000007 00000004"));
        Assert.Equal(new ReplyHeader(-1, -1, 0), RoundTrip<ReplyHeader>("ffffffff ffffffffffffffff 00000000"));
        Assert.Equal(MultiHeader.End, RoundTrip<MultiHeader>("ffffffff 01 ffffffff"));
    }

    [Fact]
    public void StatIsInZooKeeperFieldOrder()
    {
        var response = RoundTrip<StatResponse>(StatHex);
        Assert.Equal(SampleStat, response.Stat);
        Assert.Equal(JuteStat.Size, Hex(StatHex).Length);
    }

    [Fact]
    public void CreateFamily()
    {
        var create = Assert.IsType<CreateRequest>(DecodeRequest("00000001 00000001 00000002 2f61 00000001 78 " + WorldAnyoneAll + " 00000003").Body);
        Assert.Equal(("/a", 3), (create.Path, create.Flags));
        Assert.Equal([AclEntry.WorldAnyoneAll], create.Acl!);
        Assert.Equal(OpCode.Create2, DecodeRequest("00000001 0000000f 00000002 2f61 ffffffff ffffffff 00000000").OpCode);
        var ttl = Assert.IsType<CreateTtlRequest>(DecodeRequest("00000001 00000015 00000002 2f61 00000000 00000000 00000005 000000000000ea60").Body);
        Assert.Equal((5, 60000L), (ttl.Flags, ttl.Ttl));
        Assert.Empty(ttl.Acl!);
    }

    [Fact]
    public void WriteRequests()
    {
        Assert.Equal(new DeleteRequest("/a", -1), DecodeRequest("00000002 00000002 00000002 2f61 ffffffff").Body);
        var set = Assert.IsType<SetDataRequest>(DecodeRequest("00000003 00000005 00000002 2f61 00000001 7a 00000004").Body);
        Assert.Equal(("/a", 4), (set.Path, set.Version));
        var setAcl = Assert.IsType<SetAclRequest>(DecodeRequest("00000004 00000007 00000002 2f61 " + WorldAnyoneAll + " 00000002").Body);
        Assert.Equal(2, setAcl.Version);
        Assert.Equal(new CheckVersionRequest("/a", 9), DecodeRequest("00000005 0000000d 00000002 2f61 00000009").Body);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(12)]
    public void PathAndWatchReads(int opCode)
    {
        var request = DecodeRequest($"00000001 {opCode:x8} 00000002 2f61 01");
        Assert.Equal(new PathWatchRequest("/a", true), request.Body);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(9)]
    [InlineData(103)]
    [InlineData(104)]
    public void PathOnlyReads(int opCode) =>
        Assert.Equal(new PathRequest("/a"), DecodeRequest($"00000001 {opCode:x8} 00000002 2f61").Body);

    [Fact]
    public void WatchRequests()
    {
        Assert.Equal(new AddWatchRequest("/a", 1), DecodeRequest("00000001 0000006a 00000002 2f61 00000001").Body);
        Assert.Equal(new WatchTypeRequest("/a", 2), DecodeRequest("00000001 00000011 00000002 2f61 00000002").Body);
        Assert.Equal(new WatchTypeRequest("/a", 3), DecodeRequest("00000001 00000012 00000002 2f61 00000003").Body);
        var v1 = Assert.IsType<SetWatchesRequest>(DecodeRequest("fffffff8 00000065 0000000000000010 00000001 00000002 2f61 00000000 00000000").Body);
        Assert.Equal((0x10L, false), (v1.RelativeZxid, v1.IsVersion2));
        Assert.Equal(["/a"], v1.DataWatches);
        var v2 = Assert.IsType<SetWatchesRequest>(DecodeRequest(
            "fffffff8 00000069 0000000000000010 00000000 00000000 00000000 00000001 00000002 2f70 00000001 00000002 2f72").Body);
        Assert.Equal(["/p"], v2.PersistentWatches!);
        Assert.Equal(["/r"], v2.PersistentRecursiveWatches!);
    }

    [Fact]
    public void SessionRequests()
    {
        var auth = Assert.IsType<AuthPacket>(DecodeRequest("fffffffc 00000064 00000000 00000006 646967657374 00000003 613a62").Body);
        Assert.Equal(("digest", "a:b"), (auth.Scheme, System.Text.Encoding.UTF8.GetString(auth.Auth!)));
        Assert.Same(EmptyRecord.Instance, DecodeRequest("fffffffe 0000000b").Body);
        Assert.Same(EmptyRecord.Instance, DecodeRequest("00000009 fffffff5").Body);
        Assert.Same(EmptyRecord.Instance, DecodeRequest("00000009 0000006b").Body);
    }

    [Fact]
    public void NodeResponses()
    {
        Assert.Equal("/a", RoundTrip<PathResponse>("00000002 2f61").Path);
        Assert.Equal(new Create2Response("/a", SampleStat), RoundTrip<Create2Response>("00000002 2f61 " + StatHex));
        var data = RoundTrip<GetDataResponse>("00000002 6869 " + StatHex);
        Assert.Equal(Hex("6869"), data.Data);
        Assert.Null(RoundTrip<GetDataResponse>("ffffffff " + StatHex).Data);
        Assert.Equal(["x", "y"], RoundTrip<StringListResponse>("00000002 00000001 78 00000001 79").Items!);
        Assert.Equal(["x"], RoundTrip<GetChildren2Response>("00000001 00000001 78 " + StatHex).Children!);
        Assert.Equal([AclEntry.WorldAnyoneAll], RoundTrip<GetAclResponse>(WorldAnyoneAll + StatHex).Acl!);
        Assert.Equal(12, RoundTrip<IntResponse>("0000000c").Value);
        Assert.Equal(new WatcherEvent(4, 3, "/a"), RoundTrip<WatcherEvent>("00000004 00000003 00000002 2f61"));
        var whoAmI = RoundTrip<WhoAmIResponse>("00000001 00000002 6970 00000009 3132372e302e302e31");
        Assert.Equal([new ClientInfo("ip", "127.0.0.1")], whoAmI.ClientInfo!);
    }

    [Fact]
    public void MultiRequestEndsAtTheDoneHeader()
    {
        var request = DecodeRequest(
            "00000001 0000000e  0000000d 00 ffffffff 00000002 2f61 00000001  00000002 00 ffffffff 00000002 2f61 ffffffff  ffffffff 01 ffffffff");
        var multi = Assert.IsType<MultiRequest>(request.Body);
        Assert.Equal([OpCode.Check, OpCode.Delete], multi.Ops.Select(op => op.Type));
    }

    [Fact]
    public void ReadOpsOtherThanGetDataAndGetChildrenInAMultiAreMalformed()
    {
        // A 3.8 server answered getChildren2 inside a multiRead with MarshallingError (-5).
        var request = ZooRequest.Decode(Hex("00000001 00000016  0000000c 00 ffffffff 00000002 2f61 00  ffffffff 01 ffffffff"));
        Assert.IsType<MalformedRequest>(request.Body);
        Assert.Equal(1, request.Xid);
    }

    [Fact]
    public void UnknownOpcodeIsSurfacedNotThrown()
    {
        var request = ZooRequest.Decode(Hex("00000014 00007777"));
        Assert.Equal(new UnknownRequest(0x7777), request.Body);
    }

    [Fact]
    public void TruncatedBodyIsMalformedButKeepsTheXid()
    {
        var request = ZooRequest.Decode(Hex("00000005 00000004 00000009 2f61"));
        Assert.Equal(5, request.Xid);
        Assert.IsType<MalformedRequest>(request.Body);
    }

    [Fact]
    public void TruncatedHeaderThrows() =>
        Assert.Throws<JuteFormatException>(() => ZooRequest.Decode(Hex("000000")));
}
