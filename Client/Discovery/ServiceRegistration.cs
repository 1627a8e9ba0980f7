using CoordinationService.Client.Recipes;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;
using Polly;

namespace CoordinationService.Client.Discovery;

/// <summary>
/// A registered instance. <see cref="LostToken"/> fires when the registration is gone for good (its
/// node deleted, or the session ended); disposing deregisters.
/// </summary>
public sealed class ServiceRegistration : IAsyncDisposable
{
    private readonly CoordinationClient _client;
    private readonly OwnedNodeMonitor _monitor;
    private readonly ResiliencePipeline _retry;
    private readonly CancellationTokenSource _lost = new();
    private string? _lostReason;
    private int _deregistered;

    internal ServiceRegistration(CoordinationClient client, string serviceName, string path, ServiceInstance instance, ResiliencePipeline retry)
    {
        _client = client;
        ServiceName = serviceName;
        Path = path;
        Instance = instance;
        _retry = retry;
        _monitor = new OwnedNodeMonitor(client, path, loseOnDisconnect: false, Lose);
        LostToken = _lost.Token;
    }

    public string ServiceName { get; }

    public string Path { get; }

    public ServiceInstance Instance { get; }

    public CancellationToken LostToken { get; }

    /// <summary>Why the registration is gone (null while it stands).</summary>
    public string? LostReason => Volatile.Read(ref _lostReason);

    public async Task DeregisterAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _deregistered, 1) == 1)
        {
            return;
        }

        _monitor.Dispose();
        Lose("deregistered");
        try
        {
            await _client.DeleteIfExistsAsync(Path, retry: _retry, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (SessionExpiredException)
        {
            // The session is over, and its ephemeral node went with it.
        }
    }

    public async ValueTask DisposeAsync() => await DeregisterAsync().ConfigureAwait(false);

    internal Task StartAsync(CancellationToken cancellationToken) => _monitor.StartAsync(cancellationToken);

    private void Lose(string reason)
    {
        if (Interlocked.CompareExchange(ref _lostReason, reason, null) is null)
        {
            _lost.Cancel();
        }
    }
}
