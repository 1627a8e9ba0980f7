namespace CoordinationService.Client.Locks;

/// <summary>When an acquisition gives up, measured on the session's clock; retries stop there or when the session ends.</summary>
internal sealed class LockDeadline
{
    private readonly CoordinationClient _client;
    private readonly long _started;
    private readonly TimeSpan _timeout;

    private LockDeadline(CoordinationClient client, TimeSpan timeout)
    {
        _client = client;
        _timeout = timeout;
        _started = client.Time.GetTimestamp();
    }

    /// <summary>Infinite: <see cref="Timeout.InfiniteTimeSpan"/>.</summary>
    public static LockDeadline Start(CoordinationClient client, TimeSpan timeout) => new(client, timeout);

    /// <summary>For cleanup, which goes on for as long as the session lives.</summary>
    public static LockDeadline WhileSessionLives(CoordinationClient client) => new(client, Timeout.InfiniteTimeSpan);

    public TimeSpan Remaining
    {
        get
        {
            if (_timeout == Timeout.InfiniteTimeSpan)
            {
                return Timeout.InfiniteTimeSpan;
            }

            var left = _timeout - _client.Time.GetElapsedTime(_started);
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    public bool HasPassed => Remaining == TimeSpan.Zero;

    public bool AllowsRetry => !_client.IsEnded && !HasPassed;

    /// <summary>The remaining time, at most <paramref name="limit"/>.</summary>
    public TimeSpan AtMost(TimeSpan limit) => Remaining == Timeout.InfiniteTimeSpan || Remaining > limit ? limit : Remaining;
}
