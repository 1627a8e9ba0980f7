using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Client.Session;

/// <summary>A request waiting in the session's queue or in flight, and the watcher it sets, if any.</summary>
internal sealed class PendingRequest(ClientRequest request, WatchEntry? watch)
{
    public ClientRequest Request { get; } = request;

    public WatchEntry? Watch { get; } = watch;

    // Continuations run off the sender loop, so a slow caller never holds up the session.
    public TaskCompletionSource<OpReply> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The caller gave up (cancelled or timed out): not worth sending any more.</summary>
    public bool IsAbandoned => Completion.Task.IsCompleted;

    public string? Path => RequestPaths.Of(Request);
}
