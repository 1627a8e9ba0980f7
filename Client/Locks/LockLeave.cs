using CoordinationService.Errors;
using CoordinationService.Requests;

namespace CoordinationService.Client.Locks;

internal static class LockLeave
{
    /// <summary>
    /// Deletes every node the session has under the lock for one owner id, held or waiting, retrying
    /// while the outcome is unknown. It runs after the owner's join in the session's order, so it also
    /// removes a node whose join reply never arrived. An ended session has no nodes left, which is the
    /// outcome wanted.
    /// </summary>
    public static async Task RunAsync(CoordinationClient client, LeaveLockRequest leave, CancellationToken cancellationToken)
    {
        try
        {
            await LockRetries.RunAsync(
                LockRetries.UnknownOutcome,
                LockDeadline.WhileSessionLives(client),
                async ct =>
                {
                    await client.LeaveLockAsync(leave, ct).ConfigureAwait(false);
                    return true;
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (SessionExpiredException)
        {
        }
    }
}
