using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using CoordinationService.Model;

namespace CoordinationService.Acl;

/// <summary>ZooKeeper's DigestAuthenticationProvider: "user:password" is proven as "user:base64(sha1(user:password))".</summary>
public static class DigestAuthentication
{
    /// <summary>
    /// ZooKeeper's generateDigest: the user is everything before the first colon, and the hash covers
    /// the whole string, so "alice" and "dave:a:b" are accepted too (as the real server does).
    /// </summary>
    public static string Digest(string userAndPassword)
    {
        ArgumentNullException.ThrowIfNull(userAndPassword);
        var colon = userAndPassword.IndexOf(':', StringComparison.Ordinal);
        var user = colon < 0 ? userAndPassword : userAndPassword[..colon];
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(userAndPassword));
        return user + ":" + Convert.ToBase64String(hash);
    }

    /// <summary>
    /// An auth packet's data always authenticates (ZooKeeper only fails when SHA1 is missing); the
    /// bytes are decoded as UTF-8 with replacement, as Java's new String(bytes) does. Only absent data fails.
    /// </summary>
    public static bool TryAuthenticate(byte[]? authData, [NotNullWhen(true)] out AuthId? id)
    {
        if (authData is null)
        {
            id = null;
            return false;
        }

        id = new AuthId(AclSchemes.Digest, Digest(Encoding.UTF8.GetString(authData)));
        return true;
    }
}
