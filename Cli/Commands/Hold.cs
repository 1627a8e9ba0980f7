using CoordinationService.Client;
using CoordinationService.Errors;

namespace CoordinationService.Cli.Commands;

/// <summary>Keeps a command's session open until Ctrl-C/SIGTERM, or fails when the session expires.</summary>
public static class Hold
{
    public static async Task UntilStoppedAsync(CoordSession session, CancellationToken cancellationToken)
    {
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnStateChanged(object? sender, SessionStateChangedEventArgs e)
        {
            if (e.Current == SessionState.Expired)
            {
                ended.TrySetException(new SessionExpiredException(message: $"Session {session.Client.SessionId} expired"));
            }
        }

        session.Client.StateChanged += OnStateChanged;
        try
        {
            if (session.Client.State == SessionState.Expired)
            {
                throw new SessionExpiredException(message: $"Session {session.Client.SessionId} expired");
            }

            await ended.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C or SIGTERM: the way a held session is meant to end.
        }
        finally
        {
            session.Client.StateChanged -= OnStateChanged;
        }
    }
}
