using System.Diagnostics;
using System.Text;
using System.Threading.Channels;
using CoordinationService.Tests.Interop;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Recipes;

/// <summary>
/// An application process a recipe test starts, reads line by line (each line stamped when it arrived)
/// and kills with SIGKILL, like a crash. Either the recipe host program or a kazoo script.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<(string Line, long Timestamp)> _lines = Channel.CreateUnbounded<(string, long)>();
    private readonly StringBuilder _output = new();
    private readonly Stopwatch _age = Stopwatch.StartNew();

    private ChildProcess(string name, Process process)
    {
        Name = name;
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, stdout: true);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, stdout: false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>The recipe host program (tests/CoordinationService.RecipeHost), built with these tests.</summary>
    public static ChildProcess StartRecipeHost(string name, params string[] arguments) =>
        new(name, ToolProcess.Start("dotnet", [RecipeHostAssembly, .. arguments]));

    public static ChildProcess StartKazoo(string name, string script, string hosts, params string[] arguments)
    {
        InteropTools.RequireKazoo();
        return new ChildProcess(name, ToolProcess.Start(InteropTools.Python, [InteropTools.Script(script), "--hosts", hosts, .. arguments]));
    }

    /// <summary>The next line starting with <paramref name="prefix"/> and when it arrived (a <see cref="Stopwatch"/> timestamp).</summary>
    public async Task<(string Line, long Timestamp)> ExpectLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cancel.Token))
            {
                if (_lines.Reader.TryRead(out var line) && line.Line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"{Name} never printed a line starting with '{prefix}' within {timeout.TotalSeconds:F0} s\n{Describe()}");
        return default;
    }

    /// <summary>SIGKILL: no shutdown code runs, the session is simply abandoned.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public string Describe()
    {
        lock (_output)
        {
            return $"{Name} (pid {_process.Id}) after {_age.Elapsed.TotalSeconds:F1} s:\n{_output}";
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private static string RecipeHostAssembly
    {
        get
        {
            // tests/CoordinationService.Tests/bin/<Configuration>/<tfm>/ -> tests/CoordinationService.RecipeHost/bin/<Configuration>/<tfm>/
            var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(
                RepositoryPaths.Root, "tests", "CoordinationService.RecipeHost", "bin", tfm.Parent!.Name, tfm.Name, "CoordinationService.RecipeHost.dll");
            Assert.True(File.Exists(path), $"{path} is missing: build the solution (the test project builds it too)");
            return path;
        }
    }

    private void OnLine(string? line, bool stdout)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine((stdout ? "" : "! ") + line);
        }

        if (stdout)
        {
            _lines.Writer.TryWrite((line, Stopwatch.GetTimestamp()));
        }
    }
}
