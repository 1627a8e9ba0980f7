using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CoordinationService.Tests.Log;

/// <summary>
/// A throwaway PostgreSQL for the test run: initdb into a temp directory, started on a free loopback
/// port with fsync on (the log's durability is what is under test), stopped and deleted at the end.
/// Fails, never skips, when the server binaries are missing: a contract that silently did not run
/// for one store would prove nothing about it.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string _root;
    private readonly string _binaries;
    private readonly string _data;
    private readonly bool _asServiceUser;

    public PostgresServer()
    {
        _binaries = FindBinaries();
        // PostgreSQL refuses to run as root; as root the server runs as the package's own user.
        _asServiceUser = Environment.UserName == "root";
        _root = Directory.CreateTempSubdirectory("cs-pg-").FullName;
        _data = Path.Combine(_root, "data");
        try
        {
            if (_asServiceUser)
            {
                Run("chown", ServiceUser, _root);
            }

            Run(Tool("initdb"), "-D", _data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync");
            Port = FreePort();
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public int Port { get; }

    /// <summary>The postmaster's process id, for stopping it if pg_ctl cannot.</summary>
    public int Pid { get; private set; }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database }.ToString();

    /// <summary>A new empty database, so each test starts from a log no one has touched.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "cs_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task<LogTestStore> CreateStoreAsync() => new PostgresTestDatabase(await CreateDatabaseAsync());

    /// <summary>An outage: stops the server (fast mode: open connections are cut) until <see cref="Start"/>.</summary>
    public void Stop()
    {
        Run(Tool("pg_ctl"), "stop", "-D", _data, "-m", "fast", "-w", "-t", "30");
        Pid = 0;
    }

    /// <summary>Starts the server on its port, with the data it had.</summary>
    public void Start()
    {
        Run(Tool("pg_ctl"), "start", "-D", _data, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
            "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on");
        Pid = int.Parse(File.ReadLines(Path.Combine(_data, "postmaster.pid")).First());
    }

    public void Dispose()
    {
        if (Pid > 0)
        {
            try
            {
                Stop();
            }
            catch (InvalidOperationException)
            {
                // pg_ctl could not stop it: end the postmaster we started, by its id only.
                using var postmaster = Process.GetProcessById(Pid);
                postmaster.Kill(entireProcessTree: true);
                postmaster.WaitForExit(10_000);
            }
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
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
                "The PostgreSQL log tests need the PostgreSQL server binaries (initdb, pg_ctl): install them with " +
                "`apt-get install -y postgresql`, or point PG_BIN at their directory.");
    }

    private string Tool(string name) => Path.Combine(_binaries, name);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Run(string fileName, params string[] arguments)
    {
        var runAs = _asServiceUser && fileName != "chown";
        var start = new ProcessStartInfo(runAs ? "runuser" : fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root,
        };
        if (runAs)
        {
            foreach (var prefix in new[] { "-u", ServiceUser, "--", fileName })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        // Read both streams to the end before waiting, so neither pipe fills and blocks the tool.
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited with {process.ExitCode}: {error}{output.Result}");
        }
    }
}
