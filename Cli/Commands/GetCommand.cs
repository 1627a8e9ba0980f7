using System.CommandLine;
using CoordinationService.Cli.Output;
using CoordinationService.Cli.Parsing;
using CoordinationService.Model;

namespace CoordinationService.Cli.Commands;

/// <summary><c>coord get PATH</c>: a node's data (text, or base64 when it is not UTF-8), its Stat on request.</summary>
public static class GetCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The node to read.");
        var raw = new Option<bool>("--raw") { Description = "Write the data's bytes exactly as stored, nothing else (binary safe)." };
        var stat = new Option<bool>("--stat", "-s") { Description = "Print the node's Stat after its data." };
        var command = new Command("get", "Print a node's data.") { path, raw, stat };
        command.Validators.Add(r =>
        {
            if (r.GetValue(raw) && (r.GetValue(stat) || r.GetValue(global.Json)))
            {
                r.AddError("--raw writes only the bytes: it cannot be combined with --stat or --json.");
            }
        });

        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var target = parse.GetRequiredValue(path);
            var node = await session.Client.GetDataAsync(target, cancellationToken: token);
            var printer = session.Printer;
            if (printer.Json)
            {
                printer.WriteJson(new GetJson(target, NodeText.AsUtf8(node.Data), Convert.ToBase64String(node.Data), node.Stat));
            }
            else if (parse.GetValue(raw))
            {
                await using var output = Console.OpenStandardOutput();
                await output.WriteAsync(node.Data, token);
            }
            else
            {
                printer.WriteLine(NodeText.ForDisplay(node.Data));
                if (parse.GetValue(stat))
                {
                    foreach (var line in StatText.Lines(node.Stat))
                    {
                        printer.WriteLine(line);
                    }
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <param name="Data">The data as text, or null when it is not valid UTF-8 (then only <paramref name="DataBase64"/> holds it).</param>
    private sealed record GetJson(string Path, string? Data, string DataBase64, Stat Stat);
}
