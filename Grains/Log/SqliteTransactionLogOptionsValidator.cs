using Microsoft.Extensions.Options;

namespace CoordinationService.Log;

public sealed class SqliteTransactionLogOptionsValidator : IValidateOptions<SqliteTransactionLogOptions>
{
    public ValidateOptionsResult Validate(string? name, SqliteTransactionLogOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.DatabasePath))
        {
            failures.Add($"{nameof(SqliteTransactionLogOptions.DatabasePath)} is required.");
        }
        else if (Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath)) is { } directory && !Directory.Exists(directory))
        {
            failures.Add($"The directory of {nameof(SqliteTransactionLogOptions.DatabasePath)} '{options.DatabasePath}' does not exist.");
        }

        if (options.BusyTimeout < TimeSpan.Zero || options.BusyTimeout > TimeSpan.FromDays(1))
        {
            failures.Add($"{nameof(SqliteTransactionLogOptions.BusyTimeout)} must be between zero and one day.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
