using CoordinationService.Broadcast;
using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Broadcast;

public sealed class CommitWindowTests
{
    private static TxnRecord Txn(long counter) => new(Zxid.Create(1, counter), 0, SessionId.None, new ErrorTxn(ResultCode.NoNode));

    [Fact]
    public void ReplicaAtAnyHeldZxidGetsWhatFollows()
    {
        var window = new CommitWindow(Zxid.Create(1, 0).Value, capacity: 100);
        window.Add([Txn(1), Txn(2), Txn(3)]);
        Assert.Equal([Zxid.Create(1, 2), Zxid.Create(1, 3)], window.After(Zxid.Create(1, 1).Value, 10).Select(t => t.Zxid));
        Assert.Empty(window.After(Zxid.Create(1, 3).Value, 10));
    }

    [Fact]
    public void ReplicaOlderThanTheWindowIsSentToTheLogStore()
    {
        var window = new CommitWindow(Zxid.Create(1, 0).Value, capacity: 2);
        window.Add([Txn(1), Txn(2), Txn(3)]);
        Assert.False(window.CanServe(Zxid.Create(1, 0).Value));
        Assert.True(window.CanServe(Zxid.Create(1, 1).Value));
        Assert.Equal(Zxid.Create(1, 1).Value, window.BaseZxid);
    }

    [Fact]
    public async Task AddingTxnsWakesWaitingPullers()
    {
        var window = new CommitWindow(0, capacity: 10);
        var changed = window.Changed;
        Assert.False(changed.IsCompleted);
        window.Add([Txn(1)]);
        await changed.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
