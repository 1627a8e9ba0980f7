using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CoordinationService.Cli.Commands;

/// <summary>
/// The command <c>coord lock</c> runs: it shares coord's terminal (standard input, output and error),
/// gets extra environment variables, and is asked to stop with SIGTERM (then killed after a grace
/// period) when it must not run on.
/// </summary>
public sealed class ChildCommand : IDisposable
{
    private const int SigTerm = 15;
    private readonly Process _process;

    private ChildCommand(Process process) => _process = process;

    public Task<int> ExitCode => WaitAsync();

    /// <exception cref="CommandNotRunnableException">The program does not exist or cannot be executed.</exception>
    public static ChildCommand Start(IReadOnlyList<string> command, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        try
        {
            return new ChildCommand(Process.Start(start) ?? throw new CommandNotRunnableException(command[0], "it did not start"));
        }
        catch (Win32Exception ex)
        {
            throw new CommandNotRunnableException(command[0], ex.Message);
        }
    }

    /// <summary>SIGTERM, then SIGKILL (with its children) if it has not exited within <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        if (OperatingSystem.IsWindows() || Kill(_process.Id, SigTerm) != 0)
        {
            _process.Kill(entireProcessTree: true);
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _process.Dispose();

    private async Task<int> WaitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        return _process.ExitCode;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

public sealed class CommandNotRunnableException(string program, string reason)
    : Exception($"cannot run '{program}': {reason}");
