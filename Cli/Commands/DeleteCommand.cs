using System.CommandLine;
using CoordinationService.Cli.Parsing;
using CoordinationService.Errors;

namespace CoordinationService.Cli.Commands;

/// <summary><c>coord delete PATH</c>: delete a node (at an expected version), or with -r its whole subtree, leaves first.</summary>
public static class DeleteCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Create("The node to delete.");
        var version = VersionOption.Create("delete");
        var recursive = new Option<bool>("--recursive", "-r") { Description = "Delete the node's descendants first (zkCli's deleteall)." };
        var command = new Command("delete", "Delete a node, or a subtree with -r.") { path, version, recursive };
        command.Validators.Add(r =>
        {
            if (!r.GetValue(recursive))
            {
                return;
            }

            if (r.GetResult(version) is { Implicit: false })
            {
                r.AddError("-v and -r cannot be combined: a recursive delete does not check versions.");
            }

            if (r.GetValue(path) == "/")
            {
                r.AddError("Refusing to delete the whole tree: name a node below /.");
            }
        });

        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var target = parse.GetRequiredValue(path);
            IReadOnlyList<string> deleted = parse.GetValue(recursive)
                ? await DeleteSubtreeAsync(session, target, token)
                : await DeleteOneAsync(session, target, parse.GetValue(version), token);
            if (session.Printer.Json)
            {
                session.Printer.WriteJson(new DeleteJson(deleted));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static async Task<IReadOnlyList<string>> DeleteOneAsync(CoordSession session, string path, int version, CancellationToken cancellationToken)
    {
        await session.Client.DeleteAsync(path, version, cancellationToken);
        return [path];
    }

    /// <summary>Deepest level first, each level's nodes at once; a node someone else deleted meanwhile is skipped, the root excepted.</summary>
    private static async Task<IReadOnlyList<string>> DeleteSubtreeAsync(CoordSession session, string root, CancellationToken cancellationToken)
    {
        var tree = await TreeWalker.WalkAsync(session.Client, root, maxDepth: null, cancellationToken);
        var deleted = new List<string>();
        foreach (var level in tree.Levels().Reverse())
        {
            var results = await Task.WhenAll(level.Select(p => DeleteIfPresentAsync(session, p, mustExist: p == root, cancellationToken)));
            deleted.AddRange(level.Where((_, i) => results[i]));
        }

        return deleted;
    }

    private static async Task<bool> DeleteIfPresentAsync(CoordSession session, string path, bool mustExist, CancellationToken cancellationToken)
    {
        try
        {
            await session.Client.DeleteAsync(path, cancellationToken: cancellationToken);
            return true;
        }
        catch (NoNodeException) when (!mustExist)
        {
            return false;
        }
    }

    private sealed record DeleteJson(IReadOnlyList<string> Deleted);
}
