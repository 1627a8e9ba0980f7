using System.Diagnostics;
using System.Text;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Cli;

/// <summary>What one finished <c>coord</c> printed and exited with.</summary>
internal sealed record CoordResult(int ExitCode, byte[] StandardOutputBytes, string StandardError, string Command)
{
    public string StandardOutput => Encoding.UTF8.GetString(StandardOutputBytes);

    public IReadOnlyList<string> Lines => StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() =>
        $"coord {Command}: exit code {ExitCode}\n--- stdout ---\n{StandardOutput}\n--- stderr ---\n{StandardError}";
}

/// <summary>The built <c>coord</c> tool run as a user runs it: <c>dotnet exec coord.dll</c>, its own process.</summary>
internal static class CoordTool
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Cli/bin/&lt;Configuration&gt;/&lt;tfm&gt;/coord.dll, built with these tests (same configuration).</summary>
    public static string Assembly
    {
        get
        {
            var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(RepositoryPaths.Root, "Cli", "bin", tfmDirectory.Parent!.Name, tfmDirectory.Name, "coord.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the Cli project first", path);
        }
    }

    public static Process Start(IEnumerable<string> arguments, bool redirectInput = false)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing from the machine's environment may point coord elsewhere.
        start.Environment.Remove("COORD_GATEWAY");
        start.Environment.Remove("COORD_CONNECTION_STRING");
        start.Environment.Remove("COORD_AUTH");
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs coord to completion; <paramref name="input"/> goes to its standard input.</summary>
    public static async Task<CoordResult> RunAsync(IReadOnlyList<string> arguments, byte[]? input = null)
    {
        using var process = Start(arguments, redirectInput: input is not null);
        var stdout = new MemoryStream();
        var copying = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.BaseStream.WriteAsync(input);
            process.StandardInput.Close();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(RunTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"coord {string.Join(' ', arguments)} did not finish within {RunTimeout.TotalSeconds:F0} s\n{await stderr}");
        }

        await copying;
        return new CoordResult(process.ExitCode, stdout.ToArray(), await stderr, string.Join(' ', arguments));
    }
}
