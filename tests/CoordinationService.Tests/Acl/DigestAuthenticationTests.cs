using System.Text;
using CoordinationService.Acl;
using CoordinationService.Model;

namespace CoordinationService.Tests.Acl;

public sealed class DigestAuthenticationTests
{
    // Each expected id was read back with getACL from a ZooKeeper 3.8.0 server after the session
    // authenticated with the input and created a node with the ("auth", "") ACL.
    [Theory]
    [InlineData("alice:secret", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=")]
    [InlineData("bob:pw", "bob:ikIaKsbtGweaHnb/jKn7OHqbunM=")]
    [InlineData("carol:pw", "carol:RffyCdXXV1Js0ywLAoP5/l25yKs=")]
    [InlineData("nocolon", "nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=")]
    [InlineData("dave:a:b", "dave:JH2zLnS0YUYSoznA9dEdUc3ucW0=")]
    [InlineData("eve:pässwörd", "eve:EFZMscDGNtpW5T5dWulnk7TnmQo=")]
    public void DigestMatchesTheRealServer(string credentials, string expected)
    {
        Assert.Equal(expected, DigestAuthentication.Digest(credentials));
    }

    [Fact]
    public void SuperTestDigestIsZooKeepersDocumentedValue()
    {
        Assert.Equal("super:D/InIHSb7yEEbrWz8b9l71RjZJU=", DigestAuthentication.Digest("super:test"));
    }

    [Fact]
    public void AuthPacketProvesTheDigestIdentity()
    {
        Assert.True(DigestAuthentication.TryAuthenticate(Encoding.UTF8.GetBytes("alice:secret"), out var id));
        Assert.Equal(new AuthId("digest", "alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E="), id);
    }

    [Fact]
    public void CredentialsWithoutAColonStillAuthenticate()
    {
        // Observed: add_auth("digest", "nocolon") succeeds on the real server.
        Assert.True(DigestAuthentication.TryAuthenticate(Encoding.UTF8.GetBytes("nocolon"), out var id));
        Assert.Equal("nocolon:Ra+cHr2ZoHvBjtNArFGNGlVie4g=", id.Id);
    }

    [Fact]
    public void AbsentAuthDataFails()
    {
        // Observed: an auth packet with null data gives AuthFailed.
        Assert.False(DigestAuthentication.TryAuthenticate(null, out var id));
        Assert.Null(id);
    }
}
