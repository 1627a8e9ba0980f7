using System.CommandLine;
using CoordinationService.Cli.Connection;
using CoordinationService.Cli.Parsing;

namespace CoordinationService.Cli;

/// <summary>The options every command takes: where the cluster is, how long to wait, how to print.</summary>
public sealed class GlobalOptions
{
    public const string DefaultGateway = "127.0.0.1:30000";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    public Option<string> Gateway { get; } = new("--gateway", "-g")
    {
        Description = "Orleans gateway(s) of the silos, host:port[,host:port...] (environment COORD_GATEWAY).",
        HelpName = "host:port",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("COORD_GATEWAY") ?? DefaultGateway,
        Recursive = true,
    };

    public Option<string?> ConnectionString { get; } = new("--connection-string")
    {
        Description = "Cluster mode: the silos' PostgreSQL connection string; the live gateways are read from its membership table " +
            "(environment COORD_CONNECTION_STRING, which keeps the password out of the process list).",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Print results (and errors, on standard error) as JSON.",
        Recursive = true,
    };

    public Option<TimeSpan?> Timeout { get; } = DurationOption.Create(
        "--timeout", "How long to wait for the connection and for each request (e.g. 5s, 2m).", DefaultTimeout);

    public Option<string?> Auth { get; } = new("--auth")
    {
        Description = "Prove a digest identity user:password for ACL-protected nodes (environment COORD_AUTH).",
        HelpName = "user:password",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Log the Orleans client's connection activity to standard error.",
        Recursive = true,
    };

    public GlobalOptions()
    {
        Timeout.Recursive = true;
        Gateway.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !GatewayList.TryParse(result.Tokens[^1].Value, out _, out var error))
            {
                result.AddError($"--gateway: {error}");
            }
        });
        Auth.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && !result.Tokens[^1].Value.Contains(':', StringComparison.Ordinal))
            {
                result.AddError("--auth must be user:password.");
            }
        });
    }

    public void AddTo(Command root)
    {
        foreach (var option in new Option[] { Gateway, ConnectionString, Timeout, Auth, Json, Verbose })
        {
            root.Options.Add(option);
        }
    }

    public ConnectionSettings Settings(ParseResult parse)
    {
        var gatewayText = parse.GetValue(Gateway) ?? DefaultGateway;
        if (!GatewayList.TryParse(gatewayText, out var gateways, out var error))
        {
            throw new UsageException($"--gateway: {error}");
        }

        var connectionString = parse.GetValue(ConnectionString) ?? NonEmpty(Environment.GetEnvironmentVariable("COORD_CONNECTION_STRING"));
        return new ConnectionSettings(
            gateways,
            connectionString is null ? gatewayText : "the gateways listed in the cluster's database",
            connectionString,
            parse.GetValue(Timeout) ?? DefaultTimeout,
            parse.GetValue(Auth) ?? NonEmpty(Environment.GetEnvironmentVariable("COORD_AUTH")),
            parse.GetValue(Verbose));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
