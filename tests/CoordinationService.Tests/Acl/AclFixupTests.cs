using CoordinationService.Acl;
using CoordinationService.Model;

namespace CoordinationService.Tests.Acl;

public sealed class AclFixupTests
{
    private static readonly AuthId Alice = new("digest", DigestAuthentication.Digest("alice:secret"));
    private static readonly AuthId Bob = new("digest", DigestAuthentication.Digest("bob:pw"));
    private static readonly AuthId Loopback = new("ip", "127.0.0.1");
    private static readonly AclEntry World = AclEntry.WorldAnyoneAll;

    private static (ResultCode Code, IReadOnlyList<AclEntry> Stored) Fix(IReadOnlyList<AclEntry>? acl, params AuthId[] auth)
    {
        var code = AclFixup.Fix(acl, auth, out var stored);
        return (code, stored);
    }

    [Fact]
    public void EmptyOrMissingAclIsInvalid()
    {
        // Observed on a raw create and setACL: an empty list is InvalidACL (kazoo's create() hides this
        // by sending its default ACL instead).
        Assert.Equal(ResultCode.InvalidAcl, Fix([]).Code);
        Assert.Equal(ResultCode.InvalidAcl, Fix(null).Code);
    }

    [Fact]
    public void ExactDuplicatesAreDroppedFirstKept()
    {
        // Observed: [world ALL, world ALL, alice ALL, alice ALL, world READ] stored as [world ALL, alice ALL, world READ].
        var alice = new AclEntry(Permissions.All, "digest", Alice.Id);
        var worldRead = new AclEntry(Permissions.Read, "world", "anyone");

        var (code, stored) = Fix([World, World, alice, alice, worldRead]);

        Assert.Equal(ResultCode.Ok, code);
        Assert.Equal([World, alice, worldRead], stored);
    }

    [Fact]
    public void AuthExpandsToEachDigestIdentityWithItsPermissions()
    {
        // Observed: a session authenticated as bob and carol stored one entry for each; the auth id's
        // own text ("whatever") is ignored.
        var (code, stored) = Fix([new AclEntry(Permissions.Read | Permissions.Write | Permissions.Create, "auth", "whatever")], Loopback, Alice, Bob);

        Assert.Equal(ResultCode.Ok, code);
        Assert.Equal(
            [new AclEntry(Permissions.Read | Permissions.Write | Permissions.Create, "digest", Alice.Id), new AclEntry(Permissions.Read | Permissions.Write | Permissions.Create, "digest", Bob.Id)],
            stored);
    }

    [Fact]
    public void AuthWithoutADigestIdentityIsInvalidEvenWithAnIpOne()
    {
        // Observed: a session with only its address (ip 127.0.0.1) creating with ("auth", "") gets InvalidACL.
        Assert.Equal(ResultCode.InvalidAcl, Fix([new AclEntry(Permissions.All, "auth", "")], Loopback).Code);
        Assert.Equal(ResultCode.InvalidAcl, Fix([new AclEntry(Permissions.All, "auth", "")]).Code);
    }

    [Fact]
    public void AuthNextToTheSameDigestSpelledOutStoresBoth()
    {
        // Observed: duplicates are removed before "auth" is expanded, not after.
        var alice = new AclEntry(Permissions.All, "digest", Alice.Id);

        var (code, stored) = Fix([alice, new AclEntry(Permissions.All, "auth", "")], Alice);

        Assert.Equal(ResultCode.Ok, code);
        Assert.Equal([alice, alice], stored);
    }

    [Fact]
    public void TheSameIdentityProvenTwiceExpandsOnce()
    {
        // Observed: a session that sent bob:pw twice stored one entry (ZooKeeper keeps authInfo as a set).
        var (_, stored) = Fix([new AclEntry(Permissions.All, "auth", "")], Bob, Bob);

        Assert.Equal([new AclEntry(Permissions.All, "digest", Bob.Id)], stored);
    }

    [Theory]
    [InlineData("world", "anyone", true)]
    [InlineData("world", "foo", false)]
    [InlineData("digest", "a:b", true)]
    [InlineData("digest", ":hash", true)]
    [InlineData("digest", "a:b:", true)]
    [InlineData("digest", "alice", false)]
    [InlineData("digest", "alice:", false)]
    [InlineData("digest", "a:b:c", false)]
    [InlineData("digest", ":", false)]
    [InlineData("ip", "127.0.0.1", true)]
    [InlineData("ip", "10.0.0.0/8", true)]
    [InlineData("ip", "010.0.0.1", true)]
    [InlineData("ip", "1.2.3.+4", true)]
    [InlineData("ip", "10.0.0.0/33", false)]
    [InlineData("ip", "10.0.0.0/-1", false)]
    [InlineData("ip", "10.0.0.0/", false)]
    [InlineData("ip", "10.1/8", false)]
    [InlineData("ip", "1.2.3.256", false)]
    [InlineData("ip", "1.2.3.4.5", false)]
    [InlineData("ip", " 10.0.0.1", false)]
    [InlineData("ip", "::1", false)]
    [InlineData("ip", "fe80::/10", false)]
    [InlineData("ip", "localhost", false)]
    [InlineData("foo", "bar", false)]
    public void EntriesAreValidatedAsTheRealServerDoes(string scheme, string id, bool valid)
    {
        // Each case observed as a create by an authenticated session: Ok or InvalidACL.
        var (code, stored) = Fix([new AclEntry(Permissions.All, scheme, id)], Alice);

        Assert.Equal(valid ? ResultCode.Ok : ResultCode.InvalidAcl, code);
        Assert.Equal(valid ? [new AclEntry(Permissions.All, scheme, id)] : [], stored);
    }

    [Theory]
    [InlineData("digest", "")]
    [InlineData("super", "")]
    public void EmptyDigestIdsAndSchemesWithoutAProviderAreInvalid(string scheme, string id)
    {
        // From ZooKeeper's code, not observed: kazoo sends "" as a null string, which the server
        // rejects while decoding. Java's "".split(":") has one part; "super" has no provider.
        Assert.Equal(ResultCode.InvalidAcl, Fix([new AclEntry(Permissions.All, scheme, id)], Alice).Code);
    }

    [Fact]
    public void PermissionsAreStoredAsGivenEvenNone()
    {
        // Observed: world:anyone with perms 0 is accepted.
        var none = new AclEntry(Permissions.None, "world", "anyone");

        Assert.Equal([none], Fix([none]).Stored);
    }

    [Fact]
    public void OneBadEntryRefusesTheWholeList()
    {
        Assert.Equal(ResultCode.InvalidAcl, Fix([World, new AclEntry(Permissions.All, "ip", "nope")]).Code);
    }
}
