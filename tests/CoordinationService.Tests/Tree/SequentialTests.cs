using CoordinationService.Model;
using CoordinationService.Tree;

namespace CoordinationService.Tests.Tree;

/// <summary>Reference run on ZooKeeper 3.8: /s, four sequential children n-0000000000..3 (cversion 4),
/// delete one (cversion 5, numChildren 3), next is n-0000000004 (cversion 6).</summary>
public sealed class SequentialTests
{
    [Fact]
    public void SequentialSuffixCountsCreatesOnly()
    {
        var h = new TreeHarness();
        h.Create("/s");
        var names = Enumerable.Range(0, 4).Select(_ => h.CreatedPath("/s/n-", CreateMode.PersistentSequential)).ToList();
        Assert.Equal(new[] { "/s/n-0000000000", "/s/n-0000000001", "/s/n-0000000002", "/s/n-0000000003" }, names);
        Assert.Equal(4, h.StatOf("/s").Cversion);

        h.Write(new Requests.DeleteRequest(names[0]));
        Assert.Equal(5, h.StatOf("/s").Cversion);

        Assert.Equal("/s/n-0000000004", h.CreatedPath("/s/n-", CreateMode.PersistentSequential));
        Assert.Equal(6, h.StatOf("/s").Cversion);
    }

    [Fact]
    public void FailedCreatesDoNotAdvanceTheCounter()
    {
        var h = new TreeHarness();
        h.Create("/s");
        var first = h.CreatedPath("/s/n-", CreateMode.PersistentSequential);

        Assert.Equal(ResultCode.NodeExists, h.Create(first).Code);
        Assert.Equal(ResultCode.NoNode, h.Create("/s/zz/q").Code);

        Assert.Equal(1, h.StatOf("/s").Cversion);
        Assert.Equal("/s/n-0000000001", h.CreatedPath("/s/n-", CreateMode.PersistentSequential));
    }

    [Fact]
    public void PlainCreatesAdvanceTheCounterToo()
    {
        // Observed: after n-0..n-4 and one delete, a plain create and then "/s/" sequential gave /s/0000000006, cversion 8.
        var h = new TreeHarness();
        h.Create("/s");
        for (var i = 0; i < 4; i++)
        {
            h.Create("/s/n-", CreateMode.PersistentSequential);
        }

        h.Write(new Requests.DeleteRequest("/s/n-0000000000"));
        h.Create("/s/n-", CreateMode.PersistentSequential);
        h.Create("/s/plain");

        Assert.Equal("/s/0000000006", h.CreatedPath("/s/", CreateMode.PersistentSequential));
        Assert.Equal(8, h.StatOf("/s").Cversion);
        Assert.Equal(6, h.StatOf("/s").NumChildren);
    }

    [Fact]
    public void SequentialEphemeralAndTtlNodesUseTheSameCounter()
    {
        var h = new TreeHarness();
        var session = h.OpenSession();
        h.Create("/s");

        Assert.Equal("/s/e-0000000000", h.CreatedPath("/s/e-", CreateMode.EphemeralSequential, session));
        var ttl = h.Create("/s/t-", CreateMode.PersistentSequentialWithTtl, ttl: 1000);
        Assert.Equal("/s/t-0000000001", Assert.IsType<Results.CreateResult>(ttl.Result).Path);
    }

    [Fact]
    public void SuffixIsTenDigitsLikeJavaFormat()
    {
        Assert.Equal("0000000000", RequestPreparer.SequenceSuffix(0));
        Assert.Equal("2147483647", RequestPreparer.SequenceSuffix(int.MaxValue));
        Assert.Equal("-000000001", RequestPreparer.SequenceSuffix(-1));
        Assert.Equal("-2147483648", RequestPreparer.SequenceSuffix(int.MinValue));
    }
}
