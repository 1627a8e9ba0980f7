using CoordinationService.Sessions;

namespace CoordinationService.Tests.Sessions;

public sealed class SessionExpiryTrackerTests
{
    [Fact]
    public void SessionExpiresOnlyAfterItsTimeoutRoundedUpToATick()
    {
        var tracker = new SessionExpiryTracker(tickMs: 2000);
        tracker.Touch(1, timeoutMs: 4000, nowMs: 10_500);

        // Deadline 14,500 rounds up to the 16,000 bucket, as ZooKeeper's ExpiryQueue does.
        Assert.Empty(tracker.TakeExpired(15_999));
        Assert.Equal([1L], tracker.TakeExpired(16_000));
        Assert.False(tracker.Contains(1));
    }

    [Fact]
    public void TouchGivesAFreshFullTimeout()
    {
        var tracker = new SessionExpiryTracker(tickMs: 100);
        tracker.Touch(1, 1000, 0);
        tracker.Touch(1, 1000, 900);
        Assert.Empty(tracker.TakeExpired(1500));
        Assert.Equal([1L], tracker.TakeExpired(2000));
    }

    [Fact]
    public void RemovedSessionNeverExpires()
    {
        var tracker = new SessionExpiryTracker(tickMs: 100);
        tracker.Touch(1, 1000, 0);
        tracker.Remove(1);
        Assert.Empty(tracker.TakeExpired(10_000));
        Assert.Equal(0, tracker.Count);
    }

    [Fact]
    public void ExpiredSessionsComeOutInIdOrder()
    {
        var tracker = new SessionExpiryTracker(tickMs: 100);
        tracker.Touch(3, 1000, 0);
        tracker.Touch(1, 1000, 50);
        tracker.Touch(2, 500, 0);
        Assert.Equal([1L, 2L, 3L], tracker.TakeExpired(5000));
    }
}
