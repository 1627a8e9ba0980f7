namespace CoordinationService.Client.Hosting;

/// <summary>The application's session before the host has opened it: configuration is built first, so its provider waits here.</summary>
internal sealed class DeferredCoordinationClient
{
    private readonly TaskCompletionSource<CoordinationClient> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<CoordinationClient> GetAsync(CancellationToken cancellationToken) => _client.Task.WaitAsync(cancellationToken);

    public void Complete(Task<CoordinationClient> opened) =>
        opened.ContinueWith(
            t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    _client.TrySetResult(t.Result);
                }
                else
                {
                    _client.TrySetException(t.Exception?.InnerExceptions ?? [new OperationCanceledException()]);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
