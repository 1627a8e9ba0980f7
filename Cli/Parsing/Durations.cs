using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CoordinationService.Cli.Parsing;

/// <summary>
/// Durations on the command line: a number with a unit (<c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>)
/// or a TimeSpan (<c>00:05:00</c>). A bare number is refused: ZooKeeper tools disagree on its unit.
/// </summary>
public static class Durations
{
    private static readonly (string Suffix, Func<double, TimeSpan> Make)[] Units =
    [
        ("ms", TimeSpan.FromMilliseconds),
        ("s", TimeSpan.FromSeconds),
        ("m", TimeSpan.FromMinutes),
        ("h", TimeSpan.FromHours),
        ("d", TimeSpan.FromDays),
    ];

    public static bool TryParse(string text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = default;
        error = null;
        var trimmed = text.Trim();
        foreach (var (suffix, make) in Units)
        {
            if (trimmed.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(trimmed[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount)
                && amount >= 0)
            {
                duration = make(amount);
                return true;
            }
        }

        if (trimmed.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero)
        {
            return true;
        }

        error = $"'{text}' is not a duration: use a number with a unit (500ms, 30s, 5m, 2h, 1d) or hh:mm:ss.";
        return false;
    }

    /// <summary>Short human form: whole units where they fit (10s, 1500ms, 2m).</summary>
    public static string Format(TimeSpan duration) => duration switch
    {
        { TotalMilliseconds: var ms } when ms % 60_000 == 0 && ms > 0 => $"{ms / 60_000:0}m",
        { TotalMilliseconds: var ms } when ms % 1_000 == 0 && ms > 0 => $"{ms / 1_000:0}s",
        _ => $"{duration.TotalMilliseconds:0}ms",
    };
}
