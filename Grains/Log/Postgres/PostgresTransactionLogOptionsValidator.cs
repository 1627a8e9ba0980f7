using Microsoft.Extensions.Options;
using Npgsql;

namespace CoordinationService.Log.Postgres;

public sealed class PostgresTransactionLogOptionsValidator : IValidateOptions<PostgresTransactionLogOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresTransactionLogOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{nameof(PostgresTransactionLogOptions.ConnectionString)} is required.");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ValidateOptionsResult.Fail($"{nameof(PostgresTransactionLogOptions.ConnectionString)} is not a valid Npgsql connection string: {e.Message}");
        }

        // Without a host Npgsql quietly tries a local socket: in cluster mode that is a misconfiguration.
        return string.IsNullOrWhiteSpace(builder.Host)
            ? ValidateOptionsResult.Fail($"{nameof(PostgresTransactionLogOptions.ConnectionString)} must name a Host.")
            : ValidateOptionsResult.Success;
    }
}
