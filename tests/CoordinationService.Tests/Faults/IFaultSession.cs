namespace CoordinationService.Tests.Faults;

/// <summary>A client session as the fault test drives it, whatever its protocol.</summary>
internal interface IFaultSession : IAsyncDisposable
{
    string Name { get; }

    /// <summary>The silo its requests go to now, when the client can know it.</summary>
    int? Server { get; }

    /// <summary>The silo it prefers, when it has one.</summary>
    int? Home { get; }

    /// <summary>Everything that happened to the session's connection, for the report (reconnects, state changes).</summary>
    IReadOnlyList<string> Events { get; }

    /// <summary>Called between rounds, with nothing in flight: reconnect if the connection broke, or move home when asked.</summary>
    Task PrepareAsync(bool returnHome, CancellationToken cancellation);

    /// <summary>Starts a persistent sequential create; requests started one after another run in that order.</summary>
    Task<OpResult> CreateSequentialAsync(string prefix, string payload);

    Task<OpResult> SetDataAsync(string path, string payload);

    Task<OpResult> GetDataAsync(string path);

    /// <summary>Null while the session lives; why it ended otherwise.</summary>
    string? Ended { get; }

    Task CloseAsync();
}
