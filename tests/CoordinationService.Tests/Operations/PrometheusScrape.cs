using System.Globalization;
using System.Text.RegularExpressions;

namespace CoordinationService.Tests.Operations;

/// <summary>One scrape of a Prometheus text exposition, read into samples a test can look up by name and labels.</summary>
internal sealed partial class PrometheusScrape
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _samples = [];

    private PrometheusScrape(string text)
    {
        Text = text;
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: {line}");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            _samples.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http, Uri admin)
    {
        var response = await http.GetAsync(new Uri(admin, "metrics"));
        Assert.True(response.IsSuccessStatusCode, $"/metrics answered {(int)response.StatusCode}");
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum of every sample of <paramref name="name"/> whose labels include <paramref name="labels"/> (0 when there is none).</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    /// <summary>The one sample of <paramref name="name"/>; fails when it is missing.</summary>
    public double Single(string name)
    {
        var found = _samples.Where(s => s.Name == name).ToList();
        Assert.True(found.Count == 1, $"expected one sample of {name}, found {found.Count} in\n{Text}");
        return found[0].Value;
    }

    /// <summary>Every (op, result) pair of the request counter with its count.</summary>
    public IReadOnlyDictionary<(string Op, string Result), double> Requests() =>
        _samples.Where(s => s.Name == "coordination_requests_total")
            .ToDictionary(s => (s.Labels["op"], s.Labels["result"]), s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(\w+)="((?:[^"\\]|\\.)*)"?""")]
    private static partial Regex LabelPair();
}
