using CoordinationService.Watches;

namespace CoordinationService.Client.Recipes;

/// <summary>
/// One round of "read with a watch, then wait for something to change": the watcher completes
/// <see cref="Fired"/> on the session's event thread without blocking it; the waiting code continues
/// on the thread pool.
/// </summary>
internal sealed class WatchSignal
{
    private readonly TaskCompletionSource<WatchEvent?> _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WatchSignal() => Watcher = e => _fired.TrySetResult(e);

    public Action<WatchEvent> Watcher { get; }

    /// <summary>The first event of this round (null when completed by <see cref="Fire"/>).</summary>
    public Task<WatchEvent?> Fired => _fired.Task;

    /// <summary>Completes the round without an event: the state is already known to have moved on.</summary>
    public void Fire() => _fired.TrySetResult(null);
}
