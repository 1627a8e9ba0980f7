using System.CommandLine;
using System.Globalization;
using CoordinationService.Cli.Output;
using CoordinationService.Cli.Parsing;
using CoordinationService.Client.Locks;

namespace CoordinationService.Cli.Commands;

/// <summary>
/// <c>coord lock PATH -- COMMAND...</c>: takes the lock at PATH (the same queue kazoo's Lock uses),
/// runs COMMAND while holding it with the fencing token in COORD_FENCING_TOKEN, releases it when the
/// command exits and exits with the command's code. If the lock is lost meanwhile (session expired,
/// node deleted), the command is stopped (SIGTERM, then SIGKILL) and coord exits with LockLost: the
/// command may have run briefly without the lock, which is what the fencing token is for.
/// </summary>
public static class LockCommand
{
    public const string FencingTokenVariable = "COORD_FENCING_TOKEN";
    public const string LockPathVariable = "COORD_LOCK_PATH";
    public const string LockNodeVariable = "COORD_LOCK_NODE";

    /// <summary>How long a command asked to stop (SIGTERM) may take before it is killed.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The lock's node (its contenders are created beneath it).");
        var run = new Argument<string[]>("command")
        {
            Description = "The command to run while holding the lock; put it after '--' when it has options of its own.",
            Arity = ArgumentArity.OneOrMore,
        };
        var wait = DurationOption.Create("--wait", "Give up (exit code 10) when the lock is not acquired within this long (default: wait as long as it takes).");
        wait.Aliases.Add("-w");

        var command = new Command("lock", $"Run a command while holding a lock; its fencing token is in ${FencingTokenVariable}.") { path, wait, run };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var target = parse.GetRequiredValue(path);
            var locks = new LockClient(session.Client);
            LockHandle handle;
            if (parse.GetValue(wait) is { } limit)
            {
                if (await locks.TryAcquireAsync(target, limit, token) is not { } acquired)
                {
                    session.Printer.Failure(new Failure(ExitCodes.LockTimeout, "LockTimeout", target, $"not acquired within {Durations.Format(limit)}"));
                    return ExitCodes.LockTimeout;
                }

                handle = acquired;
            }
            else
            {
                handle = await locks.AcquireAsync(target, timeout: null, token);
            }

            await using (handle)
            {
                return await RunHoldingAsync(session.Printer, target, handle, parse.GetRequiredValue(run), token);
            }
        }));
        return command;
    }

    private static async Task<int> RunHoldingAsync(Printer printer, string path, LockHandle handle, string[] command, CancellationToken cancellationToken)
    {
        var lost = handle.LostToken;
        using var child = ChildCommand.Start(command, new Dictionary<string, string>
        {
            [FencingTokenVariable] = handle.FencingToken.ToString(CultureInfo.InvariantCulture),
            [LockPathVariable] = path,
            [LockNodeVariable] = handle.NodePath,
        });

        var exited = child.ExitCode;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(lost, cancellationToken);
        await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
        if (exited.IsCompleted)
        {
            return await exited.ConfigureAwait(false);
        }

        // Lost, or coord itself was asked to stop: the command must not go on believing it holds the lock.
        await child.StopAsync(StopGrace).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
        {
            printer.Notice("Interrupted: the command was stopped and the lock released.");
            return ExitCodes.Interrupted;
        }

        printer.Failure(new Failure(ExitCodes.LockLost, "LockLost", path, "the lock was lost (session expired or its node deleted); the command was stopped"));
        return ExitCodes.LockLost;
    }
}
