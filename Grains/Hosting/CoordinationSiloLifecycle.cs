using CoordinationService.Front;
using CoordinationService.Replicas;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Hosting;

/// <summary>
/// Starts this silo's part of the service with the silo: the replica recovers from the log store
/// before the silo takes requests, then the replica feed, write forwarder and keep-alive run until
/// the silo stops.
/// </summary>
public sealed partial class CoordinationSiloLifecycle(
    ReplicaFeed feed,
    WriteForwarder forwarder,
    SessionKeepAlive keepAlive,
    ILogger<CoordinationSiloLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public void Participate(ISiloLifecycle lifecycle)
    {
        lifecycle.Subscribe(nameof(CoordinationSiloLifecycle), ServiceLifecycleStage.ApplicationServices, feed.RecoverAsync, _ => Task.CompletedTask);
        lifecycle.Subscribe(nameof(CoordinationSiloLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    private Task StartAsync(CancellationToken cancellation)
    {
        _loops.Add(Run(feed.RunAsync, "replica feed"));
        _loops.Add(Run(forwarder.RunAsync, "write forwarder"));
        _loops.Add(Run(keepAlive.RunAsync, "session keep-alive"));
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellation)
    {
        forwarder.Stop();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).WaitAsync(cancellation).ConfigureAwait(false);
    }

    private Task Run(Func<CancellationToken, Task> loop, string name) => Task.Run(async () =>
    {
        try
        {
            await loop(_stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception exception)
        {
            LogLoopFailed(logger, exception, name);
            throw;
        }
    });

    [LoggerMessage(Level = LogLevel.Critical, Message = "The {Loop} stopped unexpectedly")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception, string loop);
}
