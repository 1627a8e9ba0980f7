using System.Text;
using System.Text.Json;
using CoordinationService.Client.Locks;
using CoordinationService.Errors;
using CoordinationService.Model;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Cli;

/// <summary>
/// The built <c>coord</c> tool against a real silo process: what each command prints (text and
/// --json), what it does to the tree (checked through a .NET session of the test's own), and the
/// exit code of every outcome in the README's table.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class CoordCliTests(CoordCliFixture fixture) : IClassFixture<CoordCliFixture>
{
    // Generous: every step may start a process, JIT it and connect on a busy two-core machine.
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CreateGetSetStatAndLsShowWhatTheTreeHolds()
    {
        Expect(await fixture.RunAsync("create", "/basic", "hello"), 0, "Created /basic");
        Expect(await fixture.RunAsync("create", "/basic/b", "x"), 0, "Created /basic/b");
        Expect(await fixture.RunAsync("create", "/basic/a"), 0, "Created /basic/a");
        Expect(await fixture.RunAsync("get", "/basic"), 0, "hello");

        Expect(await fixture.RunAsync("set", "/basic", "world", "-v", "0"), 0);
        var get = await fixture.RunAsync("get", "/basic", "--json");
        Expect(get, 0);
        using (var json = JsonDocument.Parse(get.StandardOutput))
        {
            var root = json.RootElement;
            Assert.Equal("/basic", root.GetProperty("path").GetString());
            Assert.Equal("world", root.GetProperty("data").GetString());
            Assert.Equal(Convert.ToBase64String("world"u8.ToArray()), root.GetProperty("dataBase64").GetString());
            Assert.Equal(1, root.GetProperty("stat").GetProperty("version").GetInt32());
            Assert.Equal(2, root.GetProperty("stat").GetProperty("numChildren").GetInt32());
        }

        var stat = await fixture.Client.ExistsAsync("/basic");
        Assert.NotNull(stat);
        var printedStat = await fixture.RunAsync("stat", "/basic");
        Expect(printedStat, 0);
        var fields = printedStat.Lines.Select(l => l.Split(" = ", 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(
            ["cZxid", "ctime", "mZxid", "mtime", "pZxid", "cversion", "dataVersion", "aclVersion", "ephemeralOwner", "dataLength", "numChildren"],
            fields.Keys);
        Assert.Equal($"0x{stat.Czxid:x}", fields["cZxid"]);
        Assert.Equal($"0x{stat.Mzxid:x}", fields["mZxid"]);
        Assert.Equal($"0x{stat.Pzxid:x}", fields["pZxid"]);
        Assert.Equal("1", fields["dataVersion"]);
        Assert.Equal("0x0", fields["ephemeralOwner"]);
        Assert.Equal("5", fields["dataLength"]);
        Assert.Equal("2", fields["numChildren"]);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(stat.Mtime).UtcDateTime, DateTime.Parse(fields["mtime"]).ToUniversalTime());

        Expect(await fixture.RunAsync("ls", "/basic"), 0, "a", "b");
        var ls = await fixture.RunAsync("ls", "/basic", "--json");
        Expect(ls, 0);
        Assert.Equal("""{"path":"/basic","children":["a","b"]}""", Compact(ls.StandardOutput));
    }

    [Fact]
    public async Task CreateFlagsMakeEachNodeKind()
    {
        Expect(await fixture.RunAsync("create", "-p", "/kinds/deep/er", "x"), 0, "Created /kinds/deep/er");
        Assert.NotNull(await fixture.Client.ExistsAsync("/kinds/deep"));

        var sequential = await fixture.RunAsync("create", "-s", "/kinds/seq-", "--json");
        Expect(sequential, 0);
        using (var json = JsonDocument.Parse(sequential.StandardOutput))
        {
            var path = json.RootElement.GetProperty("path").GetString();
            Assert.Matches("^/kinds/seq-[0-9]{10}$", path);
            Assert.Equal((await fixture.Client.ExistsAsync(path!))!.Czxid, json.RootElement.GetProperty("stat").GetProperty("czxid").GetInt64());
        }

        // The command's session closes when it exits, and its ephemeral goes with it.
        var ephemeral = await fixture.RunAsync("create", "-e", "/kinds/eph");
        Expect(ephemeral, 0, "Created /kinds/eph");
        Assert.Contains("ephemeral", ephemeral.StandardError, StringComparison.Ordinal);
        Assert.Null(await fixture.Client.ExistsAsync("/kinds/eph"));

        // The silo reaps every 100 ms: an emptied container and an expired TTL node disappear.
        Expect(await fixture.RunAsync("create", "-c", "/kinds/box"), 0, "Created /kinds/box");
        await fixture.Client.CreateAsync("/kinds/box/item", []);
        await fixture.Client.DeleteAsync("/kinds/box/item");
        await Eventually.TrueAsync(async () => await fixture.Client.ExistsAsync("/kinds/box") is null, Step, "the emptied container is reaped");

        Expect(await fixture.RunAsync("create", "--ttl", "500ms", "/kinds/ttl"), 0, "Created /kinds/ttl");
        await Eventually.TrueAsync(async () => await fixture.Client.ExistsAsync("/kinds/ttl") is null, Step, "the TTL node is reaped");
        Assert.NotNull(await fixture.Client.ExistsAsync("/kinds/deep/er"));
    }

    [Fact]
    public async Task ErrorsNameTheZooKeeperErrorAndExitWithItsCode()
    {
        await fixture.Client.CreateAsync("/errors", "v"u8.ToArray());
        await fixture.Client.CreateAsync("/errors/child", []);

        ExpectError(await fixture.RunAsync("get", "/errors/missing"), 4, "Error: NoNode: /errors/missing");
        ExpectError(await fixture.RunAsync("create", "/errors", "again"), 5, "Error: NodeExists: /errors");
        ExpectError(await fixture.RunAsync("set", "/errors", "w", "-v", "7"), 6, "Error: BadVersion: /errors");
        ExpectError(await fixture.RunAsync("delete", "/errors"), 7, "Error: NotEmpty: /errors");
        Assert.Equal("v", Encoding.UTF8.GetString((await fixture.Client.GetDataAsync("/errors")).Data));

        var json = await fixture.RunAsync("stat", "/errors/missing", "--json");
        Assert.Equal(4, json.ExitCode);
        Assert.Empty(json.StandardOutput);
        Assert.Equal("""{"error":"NoNode","path":"/errors/missing","message":null,"exitCode":4}""", Compact(json.StandardError));

        // Refused by the command line itself, before any connection.
        ExpectError(await fixture.RunAsync("get", "errors"), 2, "Error: Usage: Path must start with / character (path 'errors'). (see 'coord get --help')");
        ExpectError(await fixture.RunAsync("create", "-e", "-c", "/errors/x"), 2, "Error: Usage: -e and -c cannot be combined: a container is persistent. (see 'coord create --help')");
        ExpectError(await fixture.RunAsync("create", "--ttl", "10", "/errors/x"), 2, "Error: Usage: --ttl: '10' is not a duration: use a number with a unit (500ms, 30s, 5m, 2h, 1d) or hh:mm:ss. (see 'coord create --help')");
        Assert.Equal(2, (await fixture.RunAsync("frobnicate", "/errors")).ExitCode);

        // Nothing listens on a fresh free port.
        var port = FreePort.Next();
        var unreachable = await CoordTool.RunAsync(["--gateway", $"127.0.0.1:{port}", "--timeout", "3s", "ls", "/"]);
        Assert.True(unreachable.ExitCode == 3, unreachable.ToString());
        Assert.True(unreachable.StandardOutput.Length == 0, unreachable.ToString());
        Assert.StartsWith($"Error: ConnectionLoss: cannot reach the cluster at 127.0.0.1:{port}: ", unreachable.StandardError, StringComparison.Ordinal);
        Assert.EndsWith("no session within --timeout 3s", unreachable.StandardError.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TreeDrawsTheSubtreeAndRecursiveDeleteRemovesIt()
    {
        foreach (var path in new[] { "/tree", "/tree/b", "/tree/b/x", "/tree/b/x/deep", "/tree/a", "/tree/c" })
        {
            await fixture.Client.CreateAsync(path, []);
        }

        Expect(
            await fixture.RunAsync("tree", "/tree"),
            0,
            "/tree",
            "├── a",
            "├── b",
            "│   └── x",
            "│       └── deep",
            "└── c");
        Expect(await fixture.RunAsync("tree", "/tree", "--depth", "1"), 0, "/tree", "├── a", "├── b", "└── c");

        var deleted = await fixture.RunAsync("delete", "-r", "/tree", "--json");
        Expect(deleted, 0);
        Assert.Equal(
            """{"deleted":["/tree/b/x/deep","/tree/b/x","/tree/a","/tree/b","/tree/c","/tree"]}""",
            Compact(deleted.StandardOutput));
        Assert.Null(await fixture.Client.ExistsAsync("/tree"));
        ExpectError(await fixture.RunAsync("delete", "-r", "/tree"), 4, "Error: NoNode: /tree");
    }

    [Fact]
    public async Task DataTravelsByteForByteThroughFilesStandardInputAndRaw()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "blob.bin");
        byte[] binary = [0x00, 0xFF, 0x10, 0x80, 0x0A];
        await File.WriteAllBytesAsync(file, binary);

        Expect(await fixture.RunAsync("create", "/bytes", "--file", file), 0, "Created /bytes");
        Assert.Equal(binary, (await fixture.Client.GetDataAsync("/bytes")).Data);
        var raw = await fixture.RunAsync("get", "/bytes", "--raw");
        Expect(raw, 0);
        Assert.Equal(binary, raw.StandardOutputBytes);
        Expect(await fixture.RunAsync("get", "/bytes"), 0, "base64:" + Convert.ToBase64String(binary));

        Expect(await fixture.RunWithInputAsync("from stdin\n"u8.ToArray(), "set", "/bytes", "-"), 0);
        Assert.Equal("from stdin\n", Encoding.UTF8.GetString((await fixture.Client.GetDataAsync("/bytes")).Data));
    }

    [Fact]
    public async Task WatchPrintsEveryEventUntilInterrupted()
    {
        await using var watch = fixture.Start("watch", "/watched", "--recursive", "--json");
        await watch.ExpectErrorAsync(l => l.StartsWith("Watching /watched", StringComparison.Ordinal), Step);

        var created = await fixture.Client.CreateWithStatAsync("/watched", []);
        var child = await fixture.Client.CreateWithStatAsync("/watched/child", []);
        var changed = await fixture.Client.SetDataAsync("/watched/child", "x"u8.ToArray());
        var lines = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            lines.Add(await watch.ExpectOutputAsync(_ => true, Step));
        }

        Assert.Equal(
            [
                $$"""{"type":"NodeCreated","path":"/watched","zxid":{{created.Stat.Czxid}}}""",
                $$"""{"type":"NodeCreated","path":"/watched/child","zxid":{{child.Stat.Czxid}}}""",
                $$"""{"type":"NodeDataChanged","path":"/watched/child","zxid":{{changed.Mzxid}}}""",
            ],
            lines);

        watch.Interrupt();
        Assert.True(await watch.WaitForExitAsync(Step) == 0, watch.Describe());

        // Text form, ending by itself after --count events.
        await using var counted = fixture.Start("watch", "/watched/child", "--count", "1");
        await counted.ExpectErrorAsync(l => l.StartsWith("Watching /watched/child", StringComparison.Ordinal), Step);
        await fixture.Client.DeleteAsync("/watched/child");
        Assert.Equal("NodeDeleted /watched/child 0x", (await counted.ExpectOutputAsync(_ => true, Step))[..29]);
        Assert.True(await counted.WaitForExitAsync(Step) == 0, counted.Describe());
    }

    [Fact]
    public async Task SessionsListsLiveSessionsWithTheirEphemerals()
    {
        await fixture.Client.CreateAsync("/sessions", []);
        await fixture.Client.CreateAsync("/sessions/mine", [], CreateMode.Ephemeral);
        var id = fixture.Client.SessionId.ToString();

        var json = await fixture.RunAsync("sessions", "--json");
        Expect(json, 0);
        using (var document = JsonDocument.Parse(json.StandardOutput))
        {
            var sessions = document.RootElement.GetProperty("sessions").EnumerateArray().ToList();
            var mine = Assert.Single(sessions, s => s.GetProperty("id").GetString() == id);
            Assert.Equal((int)fixture.Client.NegotiatedTimeout.TotalMilliseconds, mine.GetProperty("timeoutMs").GetInt32());
            Assert.Equal(["/sessions/mine"], mine.GetProperty("ephemerals").EnumerateArray().Select(e => e.GetString()));
        }

        // A session held by another coord shows up with its ephemeral; coord's own session does not.
        await using var holder = fixture.Start("create", "-e", "/sessions/held", "--hold");
        await holder.ExpectErrorAsync(l => l.StartsWith("Holding", StringComparison.Ordinal), Step);
        var held = await fixture.Client.ExistsAsync("/sessions/held");
        Assert.NotNull(held);

        var text = await fixture.RunAsync("sessions");
        Expect(text, 0);
        Assert.Matches("^SESSION +TIMEOUT +EPHEMERALS$", text.Lines[0]);
        Assert.Contains(text.Lines, l => l.StartsWith(id, StringComparison.Ordinal) && l.EndsWith(" /sessions/mine", StringComparison.Ordinal));
        Assert.Contains(text.Lines, l => l.StartsWith($"0x{held.EphemeralOwner:x} ", StringComparison.Ordinal) && l.EndsWith(" /sessions/held", StringComparison.Ordinal));
        Assert.Equal(text.Lines.Count - 1, text.Lines.Skip(1).Count(l => l.StartsWith("0x", StringComparison.Ordinal)));

        holder.Terminate();
        Assert.True(await holder.WaitForExitAsync(Step) == 0, holder.Describe());
        Assert.Null(await fixture.Client.ExistsAsync("/sessions/held"));
    }

    [Fact]
    public async Task LockRunsTheCommandWithAnIncreasingFencingTokenAndItsExitCode()
    {
        var first = await fixture.RunAsync("lock", "/cli-locks/a", "--", "sh", "-c", "echo $COORD_FENCING_TOKEN $COORD_LOCK_PATH; exit 3");
        Assert.True(first.ExitCode == 3, first.ToString());
        var second = await fixture.RunAsync("lock", "/cli-locks/a", "--", "sh", "-c", "echo $COORD_FENCING_TOKEN $COORD_LOCK_PATH");
        Expect(second, 0);

        var firstToken = long.Parse(Assert.Single(first.Lines).Split(' ')[0]);
        var secondToken = long.Parse(Assert.Single(second.Lines).Split(' ')[0]);
        Assert.Equal("/cli-locks/a", second.Lines[0].Split(' ')[1]);
        Assert.True(secondToken > firstToken, $"fencing tokens {firstToken} then {secondToken}");
        Assert.Empty(await ContendersAsync("/cli-locks/a"));

        var missing = await fixture.RunAsync("lock", "/cli-locks/a", "--", "/nonexistent/program");
        Assert.True(missing.ExitCode == 127, missing.ToString());
        Assert.StartsWith("Error: CommandNotRunnable: cannot run '/nonexistent/program'", missing.StandardError, StringComparison.Ordinal);
        Assert.Empty(await ContendersAsync("/cli-locks/a"));
    }

    [Fact]
    public async Task LockGivesUpAfterWaitAndStopsTheCommandWhenTheLockIsLost()
    {
        var holder = await new LockClient(fixture.Client).AcquireAsync("/cli-locks/b", Step);
        ExpectError(await fixture.RunAsync("lock", "/cli-locks/b", "--wait", "1s", "--", "true"), 10, "Error: LockTimeout: /cli-locks/b: not acquired within 1s");
        await holder.ReleaseAsync();

        await using var running = fixture.Start("lock", "/cli-locks/b", "--", "sh", "-c", "echo $COORD_LOCK_NODE; exec sleep 120");
        var node = await running.ExpectOutputAsync(_ => true, Step);
        Assert.StartsWith("/cli-locks/b/", node, StringComparison.Ordinal);
        await fixture.Client.DeleteAsync(node);

        Assert.True(await running.WaitForExitAsync(Step) == 11, running.Describe());
        Assert.Contains("Error: LockLost: /cli-locks/b:", running.Describe(), StringComparison.Ordinal);
    }

    /// <summary>The lock's contender nodes; none once its container parent has been reaped.</summary>
    private async Task<IReadOnlyList<string>> ContendersAsync(string lockPath)
    {
        try
        {
            return (await fixture.Client.GetChildrenAsync(lockPath)).Names;
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    private static void Expect(CoordResult result, int exitCode, params string[] lines)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit code {exitCode}\n{result}");
        if (exitCode == 0)
        {
            Assert.True(result.StandardError.Length == 0 || !result.StandardError.Contains("Error", StringComparison.Ordinal), result.ToString());
        }

        if (lines.Length > 0)
        {
            Assert.True(lines.SequenceEqual(result.Lines), $"expected\n  [{string.Join(" | ", lines)}]\n{result}");
        }
    }

    private static void ExpectError(CoordResult result, int exitCode, string message)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit code {exitCode}\n{result}");
        Assert.True(result.StandardOutput.Length == 0, result.ToString());
        Assert.True(result.StandardError.TrimEnd() == message, $"expected stderr '{message}'\n{result}");
    }

    private static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}
