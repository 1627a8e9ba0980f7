using System.Globalization;
using System.Text.RegularExpressions;

namespace CoordinationService.Client.Election;

/// <summary>
/// kazoo's Election (its Lock) node names, so kazoo and .NET contenders share one queue:
/// <c>&lt;uuid hex&gt;__lock__&lt;10-digit sequence&gt;</c>, ephemeral-sequential, the identifier as
/// data, ordered by the sequence. The uuid doubles as the protection marker after a lost reply.
/// </summary>
internal static partial class ContenderNodes
{
    public const string LockName = "__lock__";

    public static string NewMarker() => Guid.NewGuid().ToString("N") + LockName;

    /// <summary>The contenders among <paramref name="children"/>, first in line first.</summary>
    public static IReadOnlyList<string> InOrder(IEnumerable<string> children) =>
        [.. children
            .Select(name => (Name: name, Match: Sequence().Match(name)))
            .Where(c => c.Match.Success)
            .OrderBy(c => long.Parse(c.Match.Groups[1].ValueSpan, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture))
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => c.Name)];

    [GeneratedRegex(@"__lock__(-?\d{10})$", RegexOptions.CultureInvariant)]
    private static partial Regex Sequence();
}
