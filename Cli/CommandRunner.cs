using System.CommandLine;
using CoordinationService.Cli.Connection;
using CoordinationService.Cli.Output;

namespace CoordinationService.Cli;

/// <summary>What a command's body gets: the session, the Orleans client behind it, and the printer.</summary>
public sealed record CoordSession(CoordConnection Connection, Printer Printer)
{
    public Client.CoordinationClient Client => Connection.Client;
}

/// <summary>
/// Runs a command's body inside a session and turns every outcome into an exit code: the body's
/// own, a ZooKeeper error's, a connection failure's, or <see cref="ExitCodes.Interrupted"/> on Ctrl-C.
/// </summary>
public static class CommandRunner
{
    public static Task<int> RunAsync(
        ParseResult parse, GlobalOptions global, CancellationToken cancellationToken, Func<CoordSession, CancellationToken, Task<int>> body) =>
        RunAsync(parse, global, cancellationToken, () => body);

    /// <param name="prepare">Runs before connecting (reads files, checks what the parser cannot), so a
    /// bad command line fails without touching the cluster.</param>
    public static async Task<int> RunAsync(
        ParseResult parse,
        GlobalOptions global,
        CancellationToken cancellationToken,
        Func<Func<CoordSession, CancellationToken, Task<int>>> prepare)
    {
        var printer = new Printer(parse.GetValue(global.Json), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        try
        {
            var body = prepare();
            var settings = global.Settings(parse);
            await using var connection = await CoordConnection.OpenAsync(settings, cancellationToken).ConfigureAwait(false);
            return await body(new CoordSession(connection, printer), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            printer.Notice("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (Exception ex)
        {
            // The command line's last line of defence: every failure leaves as a message and an exit code.
            var failure = Failure.From(ex);
            printer.Failure(failure);
            return failure.ExitCode;
        }
    }
}
