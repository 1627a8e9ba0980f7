namespace CoordinationService.Cli;

/// <summary>
/// What <c>coord</c> exits with, so scripts can branch on the outcome without parsing messages.
/// The README's table lists the same values; a new code is appended, never renumbered.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Any other failure; the message names the ZooKeeper error or the cause.</summary>
    public const int Failed = 1;

    /// <summary>Bad command line: unknown command or option, missing argument, invalid path, options that cannot be combined.</summary>
    public const int Usage = 2;

    /// <summary>No silo reachable, ConnectionLoss, OperationTimeout, or the session expired.</summary>
    public const int ConnectionFailed = 3;

    public const int NoNode = 4;

    public const int NodeExists = 5;

    public const int BadVersion = 6;

    public const int NotEmpty = 7;

    /// <summary>NoAuth (an ACL refused the operation) or AuthFailed (the --auth credential was refused).</summary>
    public const int NoAuth = 8;

    /// <summary>The server refused the request's arguments (BadArguments, InvalidACL, NoChildrenForEphemerals).</summary>
    public const int BadArguments = 9;

    /// <summary><c>lock</c>: not acquired within --wait.</summary>
    public const int LockTimeout = 10;

    /// <summary><c>lock</c>: the lock was lost while the command ran (the command was stopped).</summary>
    public const int LockLost = 11;

    /// <summary><c>lock</c>: the command to run could not be started (not found or not executable), as shells report it.</summary>
    public const int CommandNotRunnable = 127;

    /// <summary>Stopped by Ctrl-C or SIGTERM before finishing (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
