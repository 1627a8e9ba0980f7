using CoordinationService.Front;
using CoordinationService.Grains;
using Microsoft.Extensions.Time.Testing;

namespace CoordinationService.Tests.Sessions;

public sealed class SessionHubContactTests
{
    [Fact]
    public async Task ALongPollIsContactWhenItArrivesNotWhenItEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(1000));
        var hub = new SessionHub(time);
        var attachment = Guid.NewGuid();
        hub.Attach(7, attachment, timeoutMs: 3000);
        time.Advance(TimeSpan.FromSeconds(1));
        var arrived = time.GetUtcNow().ToUnixTimeMilliseconds();

        Assert.Equal(SessionStatus.Active, hub.PollArrived(7, attachment));
        var poll = hub.WaitForEventsAsync(7, attachment, 0, TimeSpan.FromSeconds(1), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        await poll;
        Assert.Empty(hub.Pending(7, attachment, 0, contact: false));

        // A client killed during its poll was last heard from when the poll arrived.
        Assert.Contains(7L, hub.RecentlyActive(arrived));
        Assert.DoesNotContain(7L, hub.RecentlyActive(arrived + 1));

        // A request is contact when it is answered (it arrived moments before).
        hub.Pending(7, attachment, 0);
        Assert.Contains(7L, hub.RecentlyActive(arrived + 1000));
    }
}
