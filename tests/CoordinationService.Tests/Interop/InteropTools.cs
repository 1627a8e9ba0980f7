using System.Diagnostics;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Interop;

/// <summary>
/// The Debian-packaged clients these tests drive. A missing one fails the test with the package to
/// install — never a skip: .ci/run installs them, and a silently skipped interop test proves nothing.
/// </summary>
internal static class InteropTools
{
    /// <summary>Debian's python3, where python3-kazoo lives (not whatever python3 is first on PATH).</summary>
    public const string Python = "/usr/bin/python3";

    public const string ZkCli = "/usr/share/zookeeper/bin/zkCli.sh";

    public static string ScriptsDirectory => Path.Combine(RepositoryPaths.Root, "tests", "interop");

    public static string Script(string name)
    {
        var path = Path.Combine(ScriptsDirectory, name);
        Assert.True(File.Exists(path), $"interop script {path} is missing");
        return path;
    }

    public static void RequireKazoo()
    {
        Assert.True(File.Exists(Python), $"{Python} is missing: install the Debian package python3 (see .ci/run)");
        var check = ToolProcess.RunAsync(Python, ["-c", "import kazoo.client"], TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
        Assert.True(check.ExitCode == 0, $"kazoo is not importable by {Python}: install the Debian package python3-kazoo (see .ci/run)\n{check.StandardError}");
    }

    public static void RequireZkCli() =>
        Assert.True(File.Exists(ZkCli), $"{ZkCli} is missing: install the Debian package zookeeper (see .ci/run)");

    /// <summary>Runs one kazoo script to completion against <paramref name="hosts"/>.</summary>
    public static Task<ToolResult> RunScriptAsync(string script, string hosts, TimeSpan timeout, params string[] extra)
    {
        RequireKazoo();
        return ToolProcess.RunAsync(Python, [Script(script), "--hosts", hosts, .. extra], timeout);
    }

    public static string Hosts(params SiloProcess[] silos) => string.Join(",", silos.Select(s => $"127.0.0.1:{s.ZooKeeperPort}"));
}

/// <summary>What a finished tool printed, for assertions and failure messages.</summary>
internal sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, TimeSpan Elapsed)
{
    public override string ToString() =>
        $"exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>Starts a tool with its output captured; a run over its time limit is killed (by its own pid) and reported.</summary>
internal static class ToolProcess
{
    public static Process Start(string fileName, IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONUNBUFFERED"] = "1";
        return Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
    }

    public static async Task<ToolResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        using var process = Start(fileName, arguments);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds:F0} s\n" +
                $"--- stdout ---\n{await stdout}\n--- stderr ---\n{await stderr}");
        }

        return new ToolResult(process.ExitCode, await stdout, await stderr, watch.Elapsed);
    }
}
