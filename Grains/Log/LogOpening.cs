using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoordinationService.Log;

internal static class LogOpening
{
    /// <summary>Every store refuses what it was given before it touches any storage.</summary>
    public static void ThrowIfInvalid<TOptions>(IValidateOptions<TOptions> validator, TOptions options, TimeProvider timeProvider, ILogger logger)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        var validation = validator.Validate(name: null, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(typeof(TOptions).Name, typeof(TOptions), validation.Failures);
        }
    }
}
