using CoordinationService.Model;
using CoordinationService.Operations;
using CoordinationService.Requests;

namespace CoordinationService.Tests.Operations;

public sealed class OperationNamesTests
{
    [Theory]
    [InlineData(typeof(GetDataRequest), "get_data")]
    [InlineData(typeof(SetAclRequest), "set_acl")]
    [InlineData(typeof(GetAllChildrenNumberRequest), "get_all_children_number")]
    [InlineData(typeof(CheckVersionRequest), "check_version")]
    [InlineData(typeof(CreateSessionRequest), "create_session")]
    public void OpsAreNamedInSnakeCaseAfterTheRequestType(Type request, string name) => Assert.Equal(name, OperationNames.Of(request));

    [Theory]
    [InlineData(ResultCode.Ok, "ok")]
    [InlineData(ResultCode.NoNode, "no_node")]
    [InlineData(ResultCode.InvalidAcl, "invalid_acl")]
    [InlineData(ResultCode.ConnectionLoss, "connection_loss")]
    public void ResultsAreNamedAfterZooKeepersCodes(ResultCode code, string name) => Assert.Equal(name, OperationNames.Of(code));

    [Theory]
    [InlineData(0x1_0000_0005L, 0x1_0000_0005L, 0)]
    [InlineData(0x1_0000_0009L, 0x1_0000_0005L, 0)]
    [InlineData(0x1_0000_0005L, 0x1_0000_0105L, 0x100)]
    [InlineData(0L, 0x1_0000_9c44L, 0x9c45)]
    [InlineData(0x1_0000_0500L, 0x2_0000_0003L, 4)]
    public void LagCountsTxnsWithinAnEpochAndAtLeastTheNewEpochsAcrossOne(long applied, long target, long lag) =>
        Assert.Equal(lag, ZxidLag.Between(new Zxid(applied), new Zxid(target)));
}
