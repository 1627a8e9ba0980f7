using System.CommandLine;
using CoordinationService.Cli.Output;
using CoordinationService.Cli.Parsing;
using CoordinationService.Errors;
using CoordinationService.Model;

namespace CoordinationService.Cli.Commands;

/// <summary><c>coord stat PATH</c>: a node's Stat in zkCli's layout.</summary>
public static class StatCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The node to describe.");
        var command = new Command("stat", "Print a node's Stat (versions, zxids, times, owner, sizes).") { path };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var target = parse.GetRequiredValue(path);
            var stat = await session.Client.ExistsAsync(target, cancellationToken: token) ?? throw new NoNodeException(target);
            if (session.Printer.Json)
            {
                session.Printer.WriteJson(new StatJson(target, stat));
            }
            else
            {
                foreach (var line in StatText.Lines(stat))
                {
                    session.Printer.WriteLine(line);
                }
            }

            return ExitCodes.Ok;
        }));
        return command;
    }
}

/// <summary>The JSON every command that reports one node prints: its path and Stat.</summary>
public sealed record StatJson(string Path, Stat Stat);
