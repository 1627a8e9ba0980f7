using CoordinationService.Client.Election;
using CoordinationService.Client.Resilience;

namespace CoordinationService.Tests.Recipes;

public sealed class RecipeNamingTests
{
    [Fact]
    public void ProtectedNamesCarryTheCallersNameAfterCuratorsMarker()
    {
        var id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        Assert.Equal("_c_0f8fad5b-d9cb-469f-a165-70867728950e-lock-", ProtectedNames.Protect(id, "lock-"));
        Assert.Equal("lock-0000000007", ProtectedNames.Unprotect("_c_0f8fad5b-d9cb-469f-a165-70867728950e-lock-0000000007"));
        Assert.Equal("lock-0000000007", ProtectedNames.Unprotect("lock-0000000007"));
        Assert.Equal("_c_not-a-guid-lock-", ProtectedNames.Unprotect("_c_not-a-guid-lock-"));
    }

    [Fact]
    public void ContendersAreOrderedBySequenceAsKazooDoesAndOtherChildrenIgnored()
    {
        string[] children =
        [
            "b1c2__lock__0000000010",
            "a0b1__lock__0000000002",
            "unrelated",
            "c3d4__rlock__0000000001",
            "ffff__lock__0000000009",
        ];

        Assert.Equal(
            ["a0b1__lock__0000000002", "ffff__lock__0000000009", "b1c2__lock__0000000010"],
            ContenderNodes.InOrder(children));
        Assert.EndsWith("__lock__", ContenderNodes.NewMarker(), StringComparison.Ordinal);
        Assert.Equal(32 + 8, ContenderNodes.NewMarker().Length);
    }
}
