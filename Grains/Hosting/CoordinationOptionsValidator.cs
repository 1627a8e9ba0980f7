using Microsoft.Extensions.Options;

namespace CoordinationService.Hosting;

public sealed class CoordinationOptionsValidator : IValidateOptions<CoordinationOptions>
{
    public ValidateOptionsResult Validate(string? name, CoordinationOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Coordination:DataDirectory must name a directory.");
        }

        if (options.TickTimeMs is < 10 or > 60_000)
        {
            failures.Add($"Coordination:TickTimeMs must be between 10 and 60000 (was {options.TickTimeMs}).");
        }

        if (options.EffectiveMinSessionTimeoutMs > options.EffectiveMaxSessionTimeoutMs)
        {
            failures.Add($"Coordination:MinSessionTimeoutMs ({options.EffectiveMinSessionTimeoutMs}) must not exceed MaxSessionTimeoutMs ({options.EffectiveMaxSessionTimeoutMs}).");
        }

        if (options.MaxDataBytes is < 1 or > 64 * 1024 * 1024)
        {
            failures.Add($"Coordination:MaxDataBytes must be between 1 and 67108864 (was {options.MaxDataBytes}).");
        }

        if (options.SnapshotEveryTxns < 1)
        {
            failures.Add("Coordination:SnapshotEveryTxns must be at least 1.");
        }

        if (options.ContainerCheckIntervalMs < 10)
        {
            failures.Add("Coordination:ContainerCheckIntervalMs must be at least 10.");
        }

        if (options.CommitWindowTxns < 100)
        {
            failures.Add("Coordination:CommitWindowTxns must be at least 100.");
        }

        if (options.MaxBatchTxns < 1)
        {
            failures.Add("Coordination:MaxBatchTxns must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
