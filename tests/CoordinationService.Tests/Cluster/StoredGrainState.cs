using Orleans.Storage;

namespace CoordinationService.Tests.Cluster;

/// <summary>
/// One holder's view of a grain's state in a real grain storage provider: what a grain's
/// IPersistentState does, without a grain, so a test can play two leaders racing on one record.
/// </summary>
internal sealed class StoredGrainState<T>(IGrainStorage storage, string stateName, GrainId grain) : IPersistentState<T>
    where T : new()
{
    private readonly GrainState<T> _state = new(new T());

    public T State
    {
        get => _state.State!;
        set => _state.State = value;
    }

    public string? Etag => _state.ETag;

    public bool RecordExists => _state.RecordExists;

    public Task ClearStateAsync() => storage.ClearStateAsync(stateName, grain, _state);

    public Task WriteStateAsync() => storage.WriteStateAsync(stateName, grain, _state);

    public Task ReadStateAsync() => storage.ReadStateAsync(stateName, grain, _state);
}
