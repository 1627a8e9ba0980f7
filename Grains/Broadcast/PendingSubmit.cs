using CoordinationService.Grains;

namespace CoordinationService.Broadcast;

/// <summary>One Submit call waiting for its writes to be ordered and made durable.</summary>
internal sealed class PendingSubmit(IReadOnlyList<SubmittedWrite> writes)
{
    public IReadOnlyList<SubmittedWrite> Writes { get; } = writes;

    public TaskCompletionSource<SubmitReply> Completion { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);
}
