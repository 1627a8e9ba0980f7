using CoordinationService.Log;
using Microsoft.Extensions.Options;

namespace CoordinationService.Tests.Log;

/// <summary>What only the SQLite log has: a file path to validate. The shared guarantees are in the contracts.</summary>
public sealed class SqliteTransactionLogTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task InvalidOptionsAreRefusedBeforeAnyFileIsTouched()
    {
        await using var dir = new LogTestDirectory();
        var missingDirectory = Path.Combine(dir.Path, "absent", "log.db");

        await Assert.ThrowsAsync<OptionsValidationException>(() => SqliteTransactionLog.OpenAsync(new SqliteTransactionLogOptions(), None));
        await Assert.ThrowsAsync<OptionsValidationException>(
            () => SqliteTransactionLog.OpenAsync(new SqliteTransactionLogOptions { DatabasePath = missingDirectory }, None));
        Assert.False(Directory.Exists(Path.GetDirectoryName(missingDirectory)));
    }
}
