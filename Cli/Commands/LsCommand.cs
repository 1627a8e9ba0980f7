using System.CommandLine;
using CoordinationService.Cli.Parsing;

namespace CoordinationService.Cli.Commands;

/// <summary><c>coord ls PATH</c>: a node's children, one name per line in byte order.</summary>
public static class LsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The node whose children to list.");
        var command = new Command("ls", "List a node's children.") { path };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var target = parse.GetRequiredValue(path);
            var children = await session.Client.GetChildrenAsync(target, cancellationToken: token);
            var names = children.Names.Order(StringComparer.Ordinal).ToList();
            if (session.Printer.Json)
            {
                session.Printer.WriteJson(new LsJson(target, names));
            }
            else
            {
                names.ForEach(session.Printer.WriteLine);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private sealed record LsJson(string Path, IReadOnlyList<string> Children);
}
