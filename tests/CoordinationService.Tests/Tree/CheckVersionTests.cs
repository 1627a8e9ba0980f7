using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Tests.Tree;

public sealed class CheckVersionTests
{
    [Fact]
    public void CheckAnswersNoNodeBadVersionOrOk()
    {
        var h = new TreeHarness();
        h.Create("/a");

        Assert.Equal(ResultCode.BadArguments, h.Write(new CheckVersionRequest("/a/", 0)).Code);
        Assert.Equal(ResultCode.NoNode, h.Write(new CheckVersionRequest("/b", 0)).Code);
        Assert.Equal(ResultCode.BadVersion, h.Write(new CheckVersionRequest("/a", 1)).Code);
        var ok = h.Write(new CheckVersionRequest("/a", 0));
        Assert.Equal(ResultCode.Ok, ok.Code);
        Assert.IsType<EmptyResult>(ok.Result);
        Assert.Empty(h.LastTriggers);
    }
}
