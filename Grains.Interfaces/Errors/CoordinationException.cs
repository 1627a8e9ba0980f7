using CoordinationService.Model;

namespace CoordinationService.Errors;

/// <summary>
/// A request failed with a ZooKeeper error code. Each code family has its own subtype so callers
/// catch what they mean (<see cref="NoNodeException"/>, <see cref="BadVersionException"/>...) and
/// never parse a message.
/// </summary>
public class CoordinationException : Exception
{
    public CoordinationException(ResultCode code, string? path = null, string? message = null)
        : base(message ?? Describe(code, path))
    {
        Code = code;
        Path = path;
    }

    public ResultCode Code { get; }

    public string? Path { get; }

    public static string Describe(ResultCode code, string? path) =>
        path is null ? $"KeeperErrorCode = {code}" : $"KeeperErrorCode = {code} for {path}";

    /// <summary>The exception type that stands for <paramref name="code"/>.</summary>
    public static CoordinationException From(ResultCode code, string? path = null, string? message = null) => code switch
    {
        ResultCode.NoNode => new NoNodeException(path, message),
        ResultCode.NodeExists => new NodeExistsException(path, message),
        ResultCode.BadVersion => new BadVersionException(path, message),
        ResultCode.NotEmpty => new NotEmptyException(path, message),
        ResultCode.NoChildrenForEphemerals => new NoChildrenForEphemeralsException(path, message),
        ResultCode.BadArguments => new BadArgumentsException(path, message),
        ResultCode.SessionExpired => new SessionExpiredException(path, message),
        ResultCode.ConnectionLoss => new ConnectionLossException(path, message),
        ResultCode.NoAuth => new NoAuthException(path, message),
        ResultCode.InvalidAcl => new InvalidAclException(path, message),
        ResultCode.Unimplemented => new UnimplementedException(path, message),
        _ => new CoordinationException(code, path, message),
    };
}

public sealed class NoNodeException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.NoNode, path, message);

public sealed class NodeExistsException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.NodeExists, path, message);

public sealed class BadVersionException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.BadVersion, path, message);

public sealed class NotEmptyException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.NotEmpty, path, message);

public sealed class NoChildrenForEphemeralsException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.NoChildrenForEphemerals, path, message);

public sealed class BadArgumentsException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.BadArguments, path, message);

public sealed class SessionExpiredException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.SessionExpired, path, message);

public sealed class ConnectionLossException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.ConnectionLoss, path, message);

public sealed class NoAuthException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.NoAuth, path, message);

public sealed class InvalidAclException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.InvalidAcl, path, message);

public sealed class UnimplementedException(string? path = null, string? message = null)
    : CoordinationException(ResultCode.Unimplemented, path, message);
