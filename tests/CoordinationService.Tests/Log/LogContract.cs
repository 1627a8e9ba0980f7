namespace CoordinationService.Tests.Log;

/// <summary>
/// The base of every log contract: a test class per store derives from each contract and says only
/// how to make a fresh, empty store, so both stores are held to the very same assertions.
/// </summary>
public abstract class LogContract(Func<Task<LogTestStore>> newStore)
{
    protected static readonly CancellationToken None = CancellationToken.None;

    protected Task<LogTestStore> NewStoreAsync() => newStore();
}
