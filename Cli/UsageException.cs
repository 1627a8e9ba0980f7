namespace CoordinationService.Cli;

/// <summary>The command line asks for something that cannot be done; reported with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
