using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace CoordinationService.Tests.Cli;

/// <summary>A long-running <c>coord</c> (watch, create --hold, lock) the test reads line by line and signals.</summary>
internal sealed class CoordProcess : IAsyncDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;
    private readonly Process _process;
    private readonly Channel<string> _stdoutLines = Channel.CreateUnbounded<string>();
    private readonly Channel<string> _stderrLines = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CoordProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => OnLine(e.Data, _stdout, _stdoutLines);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, _stderr, _stderrLines);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public static CoordProcess Start(params string[] arguments) => new(CoordTool.Start(arguments));

    public Task<string> ExpectOutputAsync(Func<string, bool> match, TimeSpan timeout) => ExpectAsync(_stdoutLines, match, "stdout", timeout);

    public Task<string> ExpectErrorAsync(Func<string, bool> match, TimeSpan timeout) => ExpectAsync(_stderrLines, match, "stderr", timeout);

    public void Interrupt() => Signal(SigInt);

    public void Terminate() => Signal(SigTerm);

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"coord did not exit within {timeout.TotalSeconds:F0} s\n{Describe()}");
        }

        // Let the asynchronous readers catch the last lines.
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public string Describe()
    {
        lock (_stdout)
        {
            lock (_stderr)
            {
                return $"--- stdout ---\n{_stdout}\n--- stderr ---\n{_stderr}";
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

    private void Signal(int signal) =>
        Assert.True(Kill(_process.Id, signal) == 0, $"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");

    private async Task<string> ExpectAsync(Channel<string> lines, Func<string, bool> match, string stream, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            while (await lines.Reader.WaitToReadAsync(cancel.Token))
            {
                if (lines.Reader.TryRead(out var line) && match(line))
                {
                    return line;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        Assert.Fail($"coord never printed the expected line on {stream} within {timeout.TotalSeconds:F0} s\n{Describe()}");
        return string.Empty;
    }

    private static void OnLine(string? line, StringBuilder all, Channel<string> lines)
    {
        if (line is null)
        {
            lines.Writer.TryComplete();
            return;
        }

        lock (all)
        {
            all.AppendLine(line);
        }

        lines.Writer.TryWrite(line);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
