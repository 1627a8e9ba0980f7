namespace CoordinationService.Acl;

/// <summary>
/// ZooKeeper 3.8's IPAuthenticationProvider: an ip ACL id is a dotted IPv4 address, optionally
/// "/bits" (0–32). IPv6 and host names are not valid ids on that server, so they are not here.
/// </summary>
internal static class IpAclExpression
{
    private const int AddressBits = 32;

    public static bool IsValid(string expression) => TryParse(expression, out _, out _);

    /// <summary>Whether <paramref name="address"/> (a session's "ip" identity) lies inside <paramref name="expression"/>.</summary>
    public static bool Matches(string address, string expression)
    {
        if (!TryParse(expression, out var network, out var bits) || !TryParseAddress(address, out var remote))
        {
            return false;
        }

        var mask = bits == 0 ? 0u : uint.MaxValue << (AddressBits - bits);
        return (remote & mask) == (network & mask);
    }

    private static bool TryParse(string expression, out uint address, out int bits)
    {
        bits = AddressBits;
        var slash = expression.IndexOf('/', StringComparison.Ordinal);
        var addressPart = slash < 0 ? expression : expression[..slash];
        if (!TryParseAddress(addressPart, out address))
        {
            return false;
        }

        return slash < 0 || (JavaInt.TryParse(expression.AsSpan(slash + 1), out bits) && bits is >= 0 and <= AddressBits);
    }

    /// <summary>ZooKeeper's v4addr2Bytes: exactly four parts split on '.', each 0–255 by Integer.parseInt.</summary>
    private static bool TryParseAddress(string text, out uint address)
    {
        address = 0;
        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        foreach (var part in parts)
        {
            if (!JavaInt.TryParse(part, out var octet) || octet is < 0 or > 255)
            {
                return false;
            }

            address = (address << 8) | (uint)octet;
        }

        return true;
    }
}
