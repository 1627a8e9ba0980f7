using Microsoft.Extensions.Options;
using Npgsql;

namespace CoordinationService.Clustering;

public sealed class PostgresClusteringOptionsValidator : IValidateOptions<PostgresClusteringOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresClusteringOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail($"{nameof(PostgresClusteringOptions.ConnectionString)} is required for PostgreSQL clustering.");
        }

        try
        {
            // Without a host Npgsql quietly tries a local socket: for a cluster that is a misconfiguration.
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(options.ConnectionString).Host)
                ? ValidateOptionsResult.Fail($"{nameof(PostgresClusteringOptions.ConnectionString)} must name a Host.")
                : ValidateOptionsResult.Success;
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            return ValidateOptionsResult.Fail($"{nameof(PostgresClusteringOptions.ConnectionString)} is not a valid Npgsql connection string: {e.Message}");
        }
    }
}
