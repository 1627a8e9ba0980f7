using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CoordinationService.Hosting;

internal static class OptionsRegistration
{
    /// <summary>Options the host binds from configuration, plus what the caller's code sets on top.</summary>
    public static OptionsBuilder<TOptions> AddConfiguredOptions<TOptions>(this IServiceCollection services, Action<TOptions>? configure)
        where TOptions : class
    {
        var options = services.AddOptions<TOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return options;
    }

    /// <summary>As <see cref="AddConfiguredOptions{TOptions}"/>, checked by the validator when the silo starts, not on first use.</summary>
    public static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, Action<TOptions>? configure)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddConfiguredOptions(configure).ValidateOnStart();
        // TryAddEnumerable: registering twice must not validate twice.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }
}
