using System.Globalization;

namespace CoordinationService.Acl;

/// <summary>
/// Java's Integer.parseInt, which ZooKeeper uses for ip ACL octets and prefix lengths: one optional
/// sign, then any Unicode decimal digits. So "+4", "-0" and "010" parse where .NET's int.Parse
/// would differ, and " 4" or "" do not.
/// </summary>
internal static class JavaInt
{
    public static bool TryParse(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        var negative = text.Length > 0 && text[0] == '-';
        var digits = text.Length > 0 && text[0] is '-' or '+' ? text[1..] : text;
        if (digits.IsEmpty)
        {
            return false;
        }

        long magnitude = 0;
        foreach (var c in digits)
        {
            var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
            if (digit < 0)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
            if (magnitude > (long)int.MaxValue + 1)
            {
                return false;
            }
        }

        var signed = negative ? -magnitude : magnitude;
        if (signed > int.MaxValue)
        {
            return false;
        }

        value = (int)signed;
        return true;
    }
}
