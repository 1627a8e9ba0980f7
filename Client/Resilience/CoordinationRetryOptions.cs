namespace CoordinationService.Client.Resilience;

/// <summary>How <see cref="CoordinationRetry"/> retries an operation whose outcome a connection loss left unknown.</summary>
public sealed class CoordinationRetryOptions
{
    /// <summary>Retries after the first attempt; 0 sends each operation once. Default 10: with the default
    /// delays that outlasts a session moving to another silo (about a second) many times over.</summary>
    public int MaxRetryAttempts { get; set; } = 10;

    /// <summary>First delay; it doubles each attempt, with jitter. Default 100 ms.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Upper bound of one delay. Default 2 s, as the client's own reconnect backoff.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(2);
}
