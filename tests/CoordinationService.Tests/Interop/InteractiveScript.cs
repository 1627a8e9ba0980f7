using System.Diagnostics;
using System.Text;
using System.Threading.Channels;

namespace CoordinationService.Tests.Interop;

/// <summary>A kazoo script the test talks to line by line (its stdout, our stdin), for steps that need both sides.</summary>
internal sealed class InteractiveScript : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    private InteractiveScript(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
                return;
            }

            lock (_stdout)
            {
                _stdout.AppendLine(e.Data);
            }

            _lines.Writer.TryWrite(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static InteractiveScript Start(string script, string hosts, params string[] extra)
    {
        InteropTools.RequireKazoo();
        return new InteractiveScript(ToolProcess.Start(InteropTools.Python, [InteropTools.Script(script), "--hosts", hosts, .. extra], redirectInput: true));
    }

    /// <summary>The next line starting with <paramref name="prefix"/>; fails with everything printed so far if it does not come.</summary>
    public async Task<string> ExpectLineAsync(string prefix, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(cancel.Token))
            {
                if (_lines.Reader.TryRead(out var line) && line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"script never printed a line starting with '{prefix}' within {timeout.TotalSeconds:F0} s\n{Describe()}");
        return string.Empty;
    }

    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits for the script to exit and asserts it succeeded.</summary>
    public async Task AssertSucceededAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"script did not finish within {timeout.TotalSeconds:F0} s\n{Describe()}");
        }

        // Let the asynchronous readers catch the last lines.
        _process.WaitForExit();
        Assert.True(_process.ExitCode == 0, $"script failed with exit code {_process.ExitCode}\n{Describe()}");
    }

    public string Describe()
    {
        lock (_stdout)
        {
            lock (_stderr)
            {
                return $"after {_watch.Elapsed.TotalSeconds:F1} s\n--- stdout ---\n{_stdout}\n--- stderr ---\n{_stderr}";
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
