using System.CommandLine;
using CoordinationService.Cli.Commands;
using CoordinationService.Cli.Output;

namespace CoordinationService.Cli;

/// <summary>The <c>coord</c> command line: global options, the commands, and exit codes for what the parser refuses.</summary>
public static class CoordCommand
{
    /// <summary>Ctrl-C and SIGTERM cancel the command; it gets this long to close its session before the process ends anyway.</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(10);

    public static RootCommand Create(GlobalOptions global)
    {
        var root = new RootCommand("coord: read, write and watch a CoordinationService cluster from the shell.")
        {
            LsCommand.Create(global),
            TreeCommand.Create(global),
            GetCommand.Create(global),
            SetCommand.Create(global),
            CreateCommand.Create(global),
            DeleteCommand.Create(global),
            StatCommand.Create(global),
            WatchCommand.Create(global),
            SessionsCommand.Create(global),
            LockCommand.Create(global),
        };
        global.AddTo(root);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var global = new GlobalOptions();
        var root = Create(global);
        if (args.Length == 0)
        {
            await root.Parse(["--help"]).InvokeAsync();
            return ExitCodes.Usage;
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            ReportUsageErrors(parse, global);
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TerminationGrace });
    }

    /// <summary>The parser's messages in the same shape as every other error, and where to find the help, instead of the whole help text.</summary>
    private static void ReportUsageErrors(ParseResult parse, GlobalOptions global)
    {
        var printer = new Printer(JsonRequested(parse, global), Console.Out, Console.Error);
        var message = string.Join(" ", parse.Errors.Select(e => e.Message).Distinct());
        var command = string.Join(' ', CommandPath(parse.CommandResult.Command, parse.RootCommandResult.Command));
        printer.Failure(new Failure(ExitCodes.Usage, "Usage", null, $"{message} (see '{command} --help')"));
    }

    private static bool JsonRequested(ParseResult parse, GlobalOptions global)
    {
        try
        {
            return parse.GetValue(global.Json);
        }
        catch (InvalidOperationException)
        {
            // --json itself was malformed: fall back to text.
            return false;
        }
    }

    private static IEnumerable<string> CommandPath(Command command, Command root) =>
        command == root ? ["coord"] : ["coord", command.Name];
}
