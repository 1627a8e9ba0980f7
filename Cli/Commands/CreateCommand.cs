using System.CommandLine;
using System.CommandLine.Parsing;
using CoordinationService.Cli.Parsing;
using CoordinationService.Errors;
using CoordinationService.Model;

namespace CoordinationService.Cli.Commands;

/// <summary>
/// <c>coord create PATH [DATA]</c> with zkCli's flags: -e ephemeral, -s sequential, -c container,
/// --ttl for a TTL node. An ephemeral lives as long as this command's session: --hold keeps it
/// (and the session) until Ctrl-C or SIGTERM.
/// </summary>
public static class CreateCommand
{
    public static Command Create(GlobalOptions global)
    {
        var path = PathArgument.Unchecked("The node to create; with -s, the prefix of its name (a trailing '/' is allowed).");
        var data = new DataSource();
        var ephemeral = new Option<bool>("--ephemeral", "-e") { Description = "Ephemeral: deleted when the session that created it ends." };
        var sequential = new Option<bool>("--sequential", "-s") { Description = "Append a 10-digit sequence number to the name." };
        var container = new Option<bool>("--container", "-c") { Description = "Container: reaped by the server once its last child is gone." };
        var ttl = DurationOption.Create("--ttl", "TTL node: reaped when unmodified and childless for this long (e.g. 30s, 10m).");
        var parents = new Option<bool>("--parents", "-p") { Description = "Create missing parent nodes first (persistent, empty)." };
        var hold = new Option<bool>("--hold") { Description = "Keep the session open until Ctrl-C or SIGTERM (so an ephemeral node stays)." };

        var command = new Command("create", "Create a node.") { path, ephemeral, sequential, container, ttl, parents, hold };
        data.AddTo(command);
        command.Validators.Add(r =>
        {
            var isSequential = r.GetValue(sequential);
            if (PathValidation.Validate(r.GetValue(path), isSequential) is { } reason)
            {
                r.AddError($"{reason} (path '{r.GetValue(path)}').");
            }

            if (ModeError(r.GetValue(ephemeral), isSequential, r.GetValue(container), r.GetValue(ttl)) is { } error)
            {
                r.AddError(error);
            }
        });

        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, () =>
        {
            var bytes = data.Read(parse);
            var mode = ModeOf(parse.GetValue(ephemeral), parse.GetValue(sequential), parse.GetValue(container), parse.GetValue(ttl));
            return async (session, token) =>
            {
                var target = parse.GetRequiredValue(path);
                if (parse.GetValue(parents))
                {
                    await CreateParentsAsync(session, target, token);
                }

                var created = await session.Client.CreateWithStatAsync(target, bytes, mode, ttl: parse.GetValue(ttl), cancellationToken: token);
                if (session.Printer.Json)
                {
                    session.Printer.WriteJson(new StatJson(created.Path, created.Stat));
                }
                else
                {
                    session.Printer.WriteLine("Created " + created.Path);
                }

                if (parse.GetValue(hold))
                {
                    session.Printer.Notice("Holding the session open (Ctrl-C to end it).");
                    await Hold.UntilStoppedAsync(session, token);
                }
                else if (mode.IsEphemeral())
                {
                    session.Printer.Notice($"Note: {created.Path} is ephemeral and ends with this command's session; --hold keeps it.");
                }

                return ExitCodes.Ok;
            };
        }));
        return command;
    }

    private static string? ModeError(bool ephemeral, bool sequential, bool container, TimeSpan? ttl) => (ephemeral, sequential, container, ttl) switch
    {
        (true, _, true, _) => "-e and -c cannot be combined: a container is persistent.",
        (true, _, _, not null) => "-e and --ttl cannot be combined: a TTL node is persistent.",
        (_, true, true, _) => "-s and -c cannot be combined: containers are not sequential.",
        (_, _, true, not null) => "-c and --ttl cannot be combined.",
        _ => null,
    };

    private static CreateMode ModeOf(bool ephemeral, bool sequential, bool container, TimeSpan? ttl) => (ephemeral, sequential, container, ttl) switch
    {
        (_, _, true, _) => CreateMode.Container,
        (_, true, _, not null) => CreateMode.PersistentSequentialWithTtl,
        (_, false, _, not null) => CreateMode.PersistentWithTtl,
        (true, true, _, _) => CreateMode.EphemeralSequential,
        (true, false, _, _) => CreateMode.Ephemeral,
        (false, true, _, _) => CreateMode.PersistentSequential,
        _ => CreateMode.Persistent,
    };

    private static async Task CreateParentsAsync(CoordSession session, string path, CancellationToken cancellationToken)
    {
        var ancestors = new Stack<string>();
        for (var parent = PathArgument.Parent(path); parent is not null and not "/"; parent = PathArgument.Parent(parent))
        {
            ancestors.Push(parent);
        }

        foreach (var ancestor in ancestors)
        {
            try
            {
                await session.Client.CreateAsync(ancestor, [], cancellationToken: cancellationToken);
            }
            catch (NodeExistsException)
            {
                // Already there (before us, or created concurrently): exactly what --parents wants.
            }
        }
    }
}
