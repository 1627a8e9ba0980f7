using Microsoft.Extensions.Options;

namespace CoordinationService.Client;

public sealed class CoordinationClientOptionsValidator : IValidateOptions<CoordinationClientOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinationClientOptions options)
    {
        var failures = new List<string>();
        if (options.SessionTimeout <= TimeSpan.Zero || options.SessionTimeout.TotalMilliseconds > int.MaxValue)
        {
            failures.Add("SessionTimeout must be positive and fit in an int of milliseconds.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero && options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add("RequestTimeout must be positive or infinite.");
        }

        if (options.MaxBatchSize < 1)
        {
            failures.Add("MaxBatchSize must be at least 1.");
        }

        if (options.ReconnectBaseDelay <= TimeSpan.Zero || options.ReconnectMaxDelay < options.ReconnectBaseDelay)
        {
            failures.Add("ReconnectBaseDelay must be positive and not above ReconnectMaxDelay.");
        }

        if (options.ConnectionString is { } connectionString && string.IsNullOrWhiteSpace(connectionString))
        {
            failures.Add("ConnectionString, when set, must not be empty.");
        }

        if (options.ResumeSession is { } resume && (resume.Password is null || resume.SessionId.Value == 0))
        {
            failures.Add("ResumeSession needs a session id and its password.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
