using CoordinationService.Acl;
using CoordinationService.Model;

namespace CoordinationService.Tests.Acl;

public sealed class AclPolicyTests
{
    private static readonly AuthId Alice = new("digest", DigestAuthentication.Digest("alice:secret"));
    private static readonly AuthId Loopback = new("ip", "127.0.0.1");

    [Fact]
    public void WorldAnyoneMatchesASessionWithNoIdentities()
    {
        Assert.True(AclPolicy.IsAllowed([new AclEntry(Permissions.Read, "world", "anyone")], Permissions.Read, []));
    }

    [Fact]
    public void AnEntryMatchesOnlyForThePermissionsItGrants()
    {
        IReadOnlyList<AclEntry> acl = [new AclEntry(Permissions.Read | Permissions.Write, "world", "anyone")];

        Assert.True(AclPolicy.IsAllowed(acl, Permissions.Write, []));
        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Create, []));
        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Admin, []));
    }

    [Fact]
    public void AnyOneOfTheNeededBitsIsEnough()
    {
        // ZooKeeper's checkACL tests (perms & needed) != 0: getACL asks READ | ADMIN.
        IReadOnlyList<AclEntry> adminOnly = [new AclEntry(Permissions.Admin, "world", "anyone")];

        Assert.True(AclPolicy.IsAllowed(adminOnly, Permissions.Read | Permissions.Admin, []));
    }

    [Fact]
    public void DigestMatchesTheSameIdOnly()
    {
        IReadOnlyList<AclEntry> acl = [new AclEntry(Permissions.All, "digest", Alice.Id)];

        Assert.True(AclPolicy.IsAllowed(acl, Permissions.Read, [Loopback, Alice]));
        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Read, [new AuthId("digest", DigestAuthentication.Digest("alice:wrong"))]));
        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Read, [new AuthId("ip", Alice.Id)]));
        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Read, []));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.0.0.1/32", true)]
    [InlineData("127.0.0.0/8", true)]
    [InlineData("127.0.0.0/31", true)]
    [InlineData("0.0.0.0/0", true)]
    [InlineData("0127.0.0.1", true)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("127.0.0.2", false)]
    [InlineData("127.0.0.2/31", false)]
    public void IpMatchesTheAddressOrItsNetwork(string expression, bool allowed)
    {
        // Observed with a session from 127.0.0.1 reading a node whose ACL is ip:<expression> READ.
        Assert.Equal(allowed, AclPolicy.IsAllowed([new AclEntry(Permissions.Read, "ip", expression)], Permissions.Read, [Loopback]));
    }

    [Fact]
    public void IpEntriesNeedAnIpIdentity()
    {
        IReadOnlyList<AclEntry> acl = [new AclEntry(Permissions.Read, "ip", "127.0.0.1")];

        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Read, [new AuthId("digest", "127.0.0.1")]));
        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Read, [new AuthId("ip", "not-an-address")]));
    }

    [Fact]
    public void WorldWithAnotherIdAndUnknownSchemesMatchNobody()
    {
        IReadOnlyList<AclEntry> acl = [new AclEntry(Permissions.All, "world", "someone"), new AclEntry(Permissions.All, "sasl", "x")];

        Assert.False(AclPolicy.IsAllowed(acl, Permissions.Read, [new AuthId("world", "someone"), new AuthId("sasl", "x")]));
    }

    [Fact]
    public void ANodeWithoutAclIsOpen()
    {
        Assert.True(AclPolicy.IsAllowed([], Permissions.Admin, []));
    }
}
