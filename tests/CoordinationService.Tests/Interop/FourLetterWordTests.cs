using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CoordinationService.Tests.Interop;

/// <summary>Four-letter words over a raw socket, as monitoring scripts (nc) send them.</summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class FourLetterWordTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    [Fact]
    public async Task RuokAnswersImok() =>
        Assert.Equal("imok", await FourLetterWord.AskAsync(fixture.Silo.ZooKeeperPort, "ruok"));

    [Fact]
    public async Task MntrIsTabSeparatedKeyValueLinesWithTheStandardKeys()
    {
        var answer = await FourLetterWord.AskAsync(fixture.Silo.ZooKeeperPort, "mntr");

        var lines = answer.TrimEnd('\n').Split('\n');
        Assert.All(lines, line => Assert.True(line.Split('\t').Length == 2, $"not key<TAB>value: '{line}'"));
        var values = lines.Select(l => l.Split('\t')).ToDictionary(p => p[0], p => p[1]);
        Assert.StartsWith("3.8.", values["zk_version"]);
        Assert.Equal("standalone", values["zk_server_state"]);
        foreach (var key in new[] { "zk_znode_count", "zk_ephemerals_count", "zk_num_alive_connections", "zk_outstanding_requests", "zk_watch_count", "zk_packets_received", "zk_packets_sent" })
        {
            Assert.True(values.TryGetValue(key, out var value), $"mntr lacks {key}:\n{answer}");
            Assert.True(long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _), $"{key} is not a count: '{value}'");
        }

        Assert.True(long.Parse(values["zk_znode_count"], CultureInfo.InvariantCulture) >= 1, "the root (and /zookeeper) count as znodes");
        Assert.True(double.TryParse(values["zk_avg_latency"], NumberStyles.Float, CultureInfo.InvariantCulture, out _), $"zk_avg_latency: '{values["zk_avg_latency"]}'");
    }
}

/// <summary>Sends a four-letter word and reads until the server closes the connection.</summary>
internal static class FourLetterWord
{
    public static async Task<string> AskAsync(int port, string word)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, timeout.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(word), timeout.Token);
        using var answer = new MemoryStream();
        await stream.CopyToAsync(answer, timeout.Token);
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
