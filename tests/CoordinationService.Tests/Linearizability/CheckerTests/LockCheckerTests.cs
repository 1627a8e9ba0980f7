using CoordinationService.Tests.Linearizability.Locks;

namespace CoordinationService.Tests.Linearizability.CheckerTests;

[Trait("Category", "Linearizability")]
public sealed class LockCheckerTests
{
    private static LockGrant Grant(string holder, long token, long readInvoked, long granted, long released, LockRelease how = LockRelease.Deleted) =>
        new("/lock", holder, token, readInvoked, granted, released, how);

    [Fact]
    public void HoldersOneAfterAnotherInTokenOrderPass()
    {
        var grants = new[] { Grant("a", 1, 0, 10, 20), Grant("b", 2, 5, 30, 40), Grant("c", 3, 35, 50, 60) };
        Assert.Empty(LockChecker.Check(grants));
    }

    [Fact]
    public void OverlappingHoldersAreCaught()
    {
        var grants = new[] { Grant("a", 1, 0, 10, 40), Grant("b", 2, 5, 30, 50) };
        Assert.Contains(LockChecker.Check(grants), v => v.Contains("two holders at once", StringComparison.Ordinal));
    }

    [Fact]
    public void AGrantAheadOfALowerTokenIsCaught()
    {
        var grants = new[] { Grant("a", 1, 50, 60, 70), Grant("b", 2, 5, 30, 40) };
        Assert.Contains(LockChecker.Check(grants), v => v.Contains("was granted before", StringComparison.Ordinal));
    }

    [Fact]
    public void AHolderWhoseSessionEndedMayBeOverlappedButNotOvertaken()
    {
        // a's node went with its session while it still thought it held the lock: b may take over.
        var grants = new[] { Grant("a", 1, 0, 10, 40, LockRelease.Lost), Grant("b", 2, 5, 30, 50) };
        Assert.Empty(LockChecker.Check(grants));
    }

    [Fact]
    public void ATokenGrantedTwiceIsCaught()
    {
        var grants = new[] { Grant("a", 1, 0, 10, 20), Grant("b", 1, 30, 40, 50) };
        Assert.Contains(LockChecker.Check(grants), v => v.Contains("granted 2 times", StringComparison.Ordinal));
    }
}
