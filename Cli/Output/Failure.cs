using CoordinationService.Cli.Connection;
using CoordinationService.Errors;
using CoordinationService.Model;
using Microsoft.Extensions.Options;

namespace CoordinationService.Cli.Output;

/// <summary>
/// An error as the user sees it: the ZooKeeper error name (NoNode, BadVersion...), the path, and the
/// exit code that stands for it.
/// </summary>
public sealed record Failure(int ExitCode, string Error, string? Path, string? Detail)
{
    /// <summary>"Error: NoNode: /a/b", or "Error: ConnectionLoss: cannot reach ...".</summary>
    public string ToText()
    {
        var what = (Path, Detail) switch
        {
            (null, null) => string.Empty,
            (null, { } detail) => ": " + detail,
            ({ } path, null) => ": " + path,
            ({ } path, { } detail) => $": {path}: {detail}",
        };
        return $"Error: {Error}{what}";
    }

    public FailureJson ToJson() => new(Error, Path, Detail, ExitCode);

    public static Failure From(Exception exception) => exception switch
    {
        CoordinationException coordination => FromCode(coordination.Code, coordination.Path, DetailOf(coordination)),
        Commands.CommandNotRunnableException notRunnable => new Failure(ExitCodes.CommandNotRunnable, "CommandNotRunnable", null, notRunnable.Message),
        ClusterUnreachableException unreachable => new Failure(ExitCodes.ConnectionFailed, nameof(ResultCode.ConnectionLoss), null, unreachable.Message),
        UsageException or OptionsValidationException => new Failure(ExitCodes.Usage, "Usage", null, exception.Message),
        IOException or UnauthorizedAccessException => new Failure(ExitCodes.Failed, "IO", null, exception.Message),
        _ => new Failure(ExitCodes.Failed, exception.GetType().Name, null, exception.Message),
    };

    public static Failure FromCode(ResultCode code, string? path, string? detail = null) =>
        new(ExitCodeOf(code), code.ToString(), path, detail);

    public static int ExitCodeOf(ResultCode code) => code switch
    {
        ResultCode.NoNode => ExitCodes.NoNode,
        ResultCode.NodeExists => ExitCodes.NodeExists,
        ResultCode.BadVersion => ExitCodes.BadVersion,
        ResultCode.NotEmpty => ExitCodes.NotEmpty,
        ResultCode.NoAuth or ResultCode.AuthFailed => ExitCodes.NoAuth,
        ResultCode.BadArguments or ResultCode.InvalidAcl or ResultCode.NoChildrenForEphemerals => ExitCodes.BadArguments,
        ResultCode.ConnectionLoss or ResultCode.OperationTimeout or ResultCode.SessionExpired or ResultCode.SessionMoved
            or ResultCode.RequestTimeout => ExitCodes.ConnectionFailed,
        _ => ExitCodes.Failed,
    };

    // The exception's own text is "KeeperErrorCode = X for /p": the name and path already say that.
    private static string? DetailOf(CoordinationException exception) =>
        exception.Message == CoordinationException.Describe(exception.Code, exception.Path) ? null : exception.Message;
}

public sealed record FailureJson(string Error, string? Path, string? Message, int ExitCode);
