using System.Net;
using System.Text.RegularExpressions;

namespace CoordinationService.Tests.Operations;

/// <summary>Looks things up in the DOM Chromium serialised, by the ids and data attributes the page sets.</summary>
internal sealed partial class RenderedPage(string dom)
{
    public string Dom { get; } = dom;

    /// <summary>The text of the element with this id (its first text run, markup stripped).</summary>
    public string TextOf(string id)
    {
        var match = Regex.Match(Dom, $"""id="{Regex.Escape(id)}"[^>]*>(.*?)</""", RegexOptions.Singleline);
        Assert.True(match.Success, $"no element #{id} in the rendered page:\n{Dom}");
        return WebUtility.HtmlDecode(Tags().Replace(match.Groups[1].Value, string.Empty)).Trim();
    }

    /// <summary>The cells of the table row carrying <paramref name="attribute"/>="<paramref name="value"/>".</summary>
    public IReadOnlyList<string> RowWhere(string attribute, string value)
    {
        var match = Regex.Match(Dom, $"""<tr[^>]*{Regex.Escape(attribute)}="{Regex.Escape(value)}"[^>]*>(.*?)</tr>""", RegexOptions.Singleline);
        Assert.True(match.Success, $"no row with {attribute}={value} in the rendered page:\n{Dom}");
        return [.. Regex.Matches(match.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(Tags().Replace(m.Groups[1].Value, string.Empty)).Trim())];
    }

    public bool Has(string attribute, string value) => Dom.Contains($"{attribute}=\"{value}\"", StringComparison.Ordinal);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
