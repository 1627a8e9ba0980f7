using System.CommandLine;

namespace CoordinationService.Cli.Parsing;

/// <summary>
/// A duration option (--timeout, --ttl, --wait): parsed with <see cref="Durations"/>, above zero.
/// The parser yields zero for bad input (never valid here) and the validator reports it, so
/// command-level validators can read the value without tripping over a parse error.
/// </summary>
public static class DurationOption
{
    public static Option<TimeSpan?> Create(string name, string description, TimeSpan? defaultValue = null)
    {
        var option = new Option<TimeSpan?>(name)
        {
            Description = description,
            HelpName = "duration",
            CustomParser = r => r.Tokens.Count > 0 && Durations.TryParse(r.Tokens[^1].Value, out var duration, out _) ? duration : TimeSpan.Zero,
        };
        if (defaultValue is { } value)
        {
            option.DefaultValueFactory = _ => value;
        }

        option.Validators.Add(r =>
        {
            if (r.Tokens.Count == 0)
            {
                return;
            }

            if (!Durations.TryParse(r.Tokens[^1].Value, out var duration, out var error))
            {
                r.AddError($"{name}: {error}");
            }
            else if (duration <= TimeSpan.Zero)
            {
                r.AddError($"{name} must be above zero.");
            }
        });
        return option;
    }
}
