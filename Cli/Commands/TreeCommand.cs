using System.CommandLine;
using CoordinationService.Cli.Output;
using CoordinationService.Cli.Parsing;

namespace CoordinationService.Cli.Commands;

/// <summary><c>coord tree PATH</c>: the subtree under a node, drawn with branches (or nested JSON).</summary>
public static class TreeCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The root of the subtree to show.");
        path.DefaultValueFactory = _ => "/";
        path.Arity = ArgumentArity.ZeroOrOne;
        var depth = new Option<int?>("--depth", "-d") { Description = "Levels below PATH to show (default: all)." };
        depth.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0)
            {
                r.AddError("--depth must be 0 or more.");
            }
        });

        var command = new Command("tree", "Show the subtree under a node (default /).") { path, depth };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var tree = await TreeWalker.WalkAsync(session.Client, parse.GetRequiredValue(path), parse.GetValue(depth), token);
            if (session.Printer.Json)
            {
                session.Printer.WriteJson(tree);
            }
            else
            {
                Draw(tree, session.Printer);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void Draw(TreeNode root, Printer printer)
    {
        printer.WriteLine(root.Path);
        DrawChildren(root, prefix: string.Empty, printer);
    }

    private static void DrawChildren(TreeNode node, string prefix, Printer printer)
    {
        for (var i = 0; i < node.Children.Count; i++)
        {
            var last = i == node.Children.Count - 1;
            var child = node.Children[i];
            printer.WriteLine(prefix + (last ? "└── " : "├── ") + child.Name);
            DrawChildren(child, prefix + (last ? "    " : "│   "), printer);
        }
    }
}
