using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;
using static CoordinationService.Tests.Gateway.Protocol.Bytes;

namespace CoordinationService.Tests.Gateway.Protocol;

public sealed class RequestMappingTests
{
    [Theory]
    [InlineData(0, CreateMode.Persistent)]
    [InlineData(1, CreateMode.Ephemeral)]
    [InlineData(2, CreateMode.PersistentSequential)]
    [InlineData(3, CreateMode.EphemeralSequential)]
    [InlineData(4, CreateMode.Container)]
    [InlineData(5, CreateMode.PersistentWithTtl)]
    [InlineData(6, CreateMode.PersistentSequentialWithTtl)]
    public void CreateFlagsAreCreateModes(int flags, CreateMode mode) => Assert.Equal(mode, RequestMapping.ToCreateMode(flags));

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void UnknownCreateFlagsAreBadArguments(int flags) =>
        Assert.Equal(ResultCode.BadArguments, Assert.Throws<ProtocolMappingException>(() => RequestMapping.ToCreateMode(flags)).Code);

    [Fact]
    public void ReadOpInsideAWriteMultiIsAMarshallingError()
    {
        var request = ZooRequest.Decode(Hex("00000001 0000000e  00000004 00 ffffffff 00000002 2f61 00  ffffffff 01 ffffffff"));
        Assert.Equal(ResultCode.MarshallingError, Assert.Throws<ProtocolMappingException>(() => RequestMapping.ToContract(request)).Code);
        var reads = RequestMapping.ToReads(Assert.IsType<MultiRequest>(request.Body));
        Assert.IsType<CoordinationService.Requests.GetDataRequest>(Assert.Single(reads));
    }

    [Fact]
    public void NullDataAndAclBecomeEmpty()
    {
        var request = ZooRequest.Decode(Hex("00000001 00000013 00000002 2f61 ffffffff ffffffff 00000004"));
        var create = Assert.IsType<CoordinationService.Requests.CreateRequest>(RequestMapping.ToContract(request));
        Assert.Equal((CreateMode.Container, 0, 0), (create.Mode, create.Data.Length, create.Acl.Count));
    }
}
