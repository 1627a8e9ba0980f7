using System.Text.RegularExpressions;

namespace CoordinationService.Tests.Interop;

/// <summary>
/// zkCli.sh from Debian's zookeeper package against a real silo process. Expected outputs are what
/// the same commands print against ZooKeeper 3.8.0 (checked by hand with the packaged server).
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed partial class ZkCliTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    private int Port => fixture.Silo.ZooKeeperPort;

    [Fact]
    public async Task CreateGetSetLsStatDeletePrintWhatZooKeeperPrints()
    {
        await Expect(0, ["Created /zkcli"], "create", "/zkcli", "hello");
        await Expect(0, ["Created /zkcli/eph"], "create", "-e", "/zkcli/eph", "x");
        // The ephemeral create already counted: ZooKeeper names the next sequential child ...0001.
        await Expect(0, ["Created /zkcli/seq-0000000001"], "create", "-s", "/zkcli/seq-", "y");
        await Expect(0, ["hello"], "get", "/zkcli");
        await Expect(0, [], "set", "/zkcli", "world");
        await Expect(0, ["[eph, seq-0000000001]"], "ls", "/zkcli");

        var stat = await Stat("/zkcli");
        Assert.Equal("0x0", stat["ephemeralOwner"]);
        Assert.Equal("1", stat["dataVersion"]);
        Assert.Equal("2", stat["cversion"]);
        Assert.Equal("0", stat["aclVersion"]);
        Assert.Equal("5", stat["dataLength"]);
        Assert.Equal("2", stat["numChildren"]);
        Assert.Matches(HexZxid(), stat["cZxid"]);
        Assert.Matches(HexZxid(), stat["mZxid"]);
        Assert.NotEqual(stat["cZxid"], stat["mZxid"]);

        // zkCli exits without closing its session, so the ephemeral lives on until the session times out (30 s).
        var ephemeral = await Stat("/zkcli/eph");
        Assert.Matches(HexZxid(), ephemeral["ephemeralOwner"]);
        Assert.NotEqual("0x0", ephemeral["ephemeralOwner"]);

        await Expect(0, [], "delete", "/zkcli/seq-0000000001");
        await Expect(1, ["Node does not exist: /zkcli/seq-0000000001"], "get", "/zkcli/seq-0000000001");
    }

    private async Task Expect(int exitCode, string[] lines, params string[] command)
    {
        var (code, printed, raw) = await ZkCli.RunAsync(Port, command);
        var what = $"zkCli {string.Join(' ', command)}";
        Assert.True(code == exitCode, $"{what}: exit code {code}, expected {exitCode}\n{raw}");
        Assert.True(lines.SequenceEqual(printed), $"{what} printed\n  [{string.Join(" | ", printed)}]\nexpected\n  [{string.Join(" | ", lines)}]\n{raw}");
    }

    private async Task<Dictionary<string, string>> Stat(string path)
    {
        var (code, printed, raw) = await ZkCli.RunAsync(Port, "stat", path);
        Assert.True(code == 0, $"zkCli stat {path}: {raw}");
        var fields = printed.Select(l => l.Split(" = ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        string[] expected = ["cZxid", "ctime", "mZxid", "mtime", "pZxid", "cversion", "dataVersion", "aclVersion", "ephemeralOwner", "dataLength", "numChildren"];
        Assert.True(expected.SequenceEqual(fields.Keys), $"zkCli stat {path} printed fields [{string.Join(", ", fields.Keys)}]\n{raw}");
        return fields;
    }

    [GeneratedRegex("^0x[0-9a-f]+$")]
    private static partial Regex HexZxid();
}
