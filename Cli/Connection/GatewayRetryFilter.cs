namespace CoordinationService.Cli.Connection;

/// <summary>
/// Retries reaching a gateway every quarter second (a silo may be restarting) until the command's
/// --timeout cancels, and remembers why the last attempt failed so the error can say it.
/// </summary>
public sealed class GatewayRetryFilter : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(250);

    public Exception? LastFailure { get; private set; }

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LastFailure = exception;
        await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
