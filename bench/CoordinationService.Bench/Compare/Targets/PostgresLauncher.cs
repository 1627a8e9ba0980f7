using System.Diagnostics;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>
/// A throwaway PostgreSQL from the machine's binaries, as the tests start theirs: initdb into a temp
/// directory, pg_ctl start on a free loopback port with fsync and synchronous commit on (the log's
/// durability is part of what a write costs), pg_ctl stop and delete at the end. PostgreSQL refuses to
/// run as root, so as root every tool runs as the package's <c>postgres</c> user.
/// </summary>
public sealed class PostgresLauncher : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string _root;
    private readonly string _binaries;
    private readonly bool _asServiceUser;

    private PostgresLauncher(string root, string binaries, bool asServiceUser)
    {
        _root = root;
        _binaries = binaries;
        _asServiceUser = asServiceUser;
    }

    public int Port { get; private set; }

    /// <summary>The postmaster; its backends are its children.</summary>
    public int Pid { get; private set; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Npgsql's format; the silos create their schemas in the default database.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<PostgresLauncher> StartAsync(CancellationToken ct)
    {
        var server = new PostgresLauncher(
            Directory.CreateTempSubdirectory("coordination-bench-pg-").FullName, FindBinaries(), Environment.UserName == "root");
        try
        {
            if (server._asServiceUser)
            {
                await server.RunAsync("chown", [ServiceUser, server._root], ct);
            }

            await server.RunAsync(server.Tool("initdb"), ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], ct);
            server.Port = FreePorts.Next();
            await server.RunAsync(server.Tool("pg_ctl"), [
                "start", "-D", server.DataDirectory, "-l", Path.Combine(server._root, "server.log"), "-w", "-t", "60",
                "-o", $"-p {server.Port} -k {server._root} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on",
            ], ct);
            server.Pid = int.Parse(File.ReadLines(Path.Combine(server.DataDirectory, "postmaster.pid")).First());
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Pid > 0)
        {
            try
            {
                await RunAsync(Tool("pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // pg_ctl could not stop it: end the postmaster we started, by its id only.
                using var postmaster = Process.GetProcessById(Pid);
                postmaster.Kill(entireProcessTree: true);
                await postmaster.WaitForExitAsync();
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    private static string FindBinaries()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PG_BIN");
        var candidates = fromEnvironment is { Length: > 0 }
            ? [fromEnvironment]
            : Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
                    .Select(d => Path.Combine(d, "bin")).ToArray()
                : [];
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException(
                "The cluster target needs PostgreSQL's server binaries (initdb, pg_ctl): `apt-get install -y postgresql`, or PG_BIN=<their directory>.");
    }

    private string Tool(string name) => Path.Combine(_binaries, name);

    private async Task RunAsync(string fileName, string[] arguments, CancellationToken ct)
    {
        var runAs = _asServiceUser && fileName != "chown";
        var start = new ProcessStartInfo(runAs ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        foreach (var argument in (runAs ? ["-u", ServiceUser, "--", fileName] : Array.Empty<string>()).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // Both streams read to the end before waiting, so neither pipe fills and blocks the tool.
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
