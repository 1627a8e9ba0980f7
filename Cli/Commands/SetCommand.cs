using System.CommandLine;
using CoordinationService.Cli.Parsing;

namespace CoordinationService.Cli.Commands;

/// <summary><c>coord set PATH DATA</c>: replace a node's data, optionally only at an expected version.</summary>
public static class SetCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The node to write.");
        var data = new DataSource();
        var version = VersionOption.Create("write");
        var command = new Command("set", "Replace a node's data.") { path, version };
        data.AddTo(command);
        command.Validators.Add(r =>
        {
            if (r.GetValue(data.Text) is null && r.GetValue(data.File) is null)
            {
                r.AddError("Give the new data: DATA, '-' for standard input, or --file ('' for empty data).");
            }
        });

        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, () =>
        {
            var bytes = data.Read(parse);
            return async (session, token) =>
            {
                var target = parse.GetRequiredValue(path);
                var stat = await session.Client.SetDataAsync(target, bytes, parse.GetValue(version), token);
                if (session.Printer.Json)
                {
                    session.Printer.WriteJson(new StatJson(target, stat));
                }

                return ExitCodes.Ok;
            };
        }));
        return command;
    }
}
