using System.CommandLine;
using System.Threading.Channels;
using CoordinationService.Cli.Output;
using CoordinationService.Cli.Parsing;
using CoordinationService.Client;
using CoordinationService.Errors;
using CoordinationService.Requests;
using CoordinationService.Watches;

namespace CoordinationService.Cli.Commands;

/// <summary>
/// <c>coord watch PATH</c>: a persistent watch (-r: recursive) whose events are printed one per line
/// until Ctrl-C, SIGTERM or --count events. "Watching ..." on standard error means the watch is set.
/// </summary>
public static class WatchCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The node to watch (it need not exist yet).");
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Also watch every descendant (a persistent recursive watch)." };
        var count = new Option<int?>("--count", "-n") { Description = "Exit after this many events." };
        count.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--count must be at least 1.");
            }
        });

        var command = new Command("watch", "Print a node's change events until Ctrl-C.") { path, recursive, count };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var target = parse.GetRequiredValue(path);
            var mode = parse.GetValue(recursive) ? AddWatchMode.PersistentRecursive : AddWatchMode.Persistent;
            return await PrintEventsAsync(session, target, mode, parse.GetValue(count), token);
        }));
        return command;
    }

    private static async Task<int> PrintEventsAsync(CoordSession session, string path, AddWatchMode mode, int? count, CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
        void OnStateChanged(object? sender, SessionStateChangedEventArgs e)
        {
            switch (e.Current)
            {
                case SessionState.Disconnected:
                    session.Printer.Notice("Disconnected; reconnecting (events missed meanwhile are delivered after).");
                    break;
                case SessionState.Connected when e.Previous == SessionState.Disconnected:
                    session.Printer.Notice("Reconnected.");
                    break;
                case SessionState.Expired:
                    events.Writer.TryComplete(new SessionExpiredException(message: $"Session {session.Client.SessionId} expired"));
                    break;
            }
        }

        session.Client.StateChanged += OnStateChanged;
        try
        {
            await session.Client.AddWatchAsync(path, mode, e => events.Writer.TryWrite(e), cancellationToken);
            session.Printer.Notice($"Watching {path}{(mode == AddWatchMode.PersistentRecursive ? " and its descendants" : string.Empty)} (Ctrl-C to stop).");
            var printed = 0;
            await foreach (var watchEvent in events.Reader.ReadAllAsync(cancellationToken))
            {
                Print(session.Printer, watchEvent);
                if (++printed == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: how a watch is meant to end.
        }
        finally
        {
            session.Client.StateChanged -= OnStateChanged;
        }

        return ExitCodes.Ok;
    }

    private static void Print(Printer printer, WatchEvent watchEvent)
    {
        if (printer.Json)
        {
            printer.WriteJsonLine(new EventJson(watchEvent.Type, watchEvent.Path, watchEvent.Zxid));
        }
        else
        {
            printer.WriteLine($"{watchEvent.Type} {watchEvent.Path} {StatText.Hex(watchEvent.Zxid)}");
        }
    }

    private sealed record EventJson(WatchEventType Type, string Path, long Zxid);
}
