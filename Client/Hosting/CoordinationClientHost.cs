using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CoordinationService.Client.Hosting;

/// <summary>
/// Opens the application's session when the host starts (after the Orleans client, which registers
/// first) and closes it when the host stops.
/// </summary>
public sealed class CoordinationClientHost(
    IClusterClient cluster,
    IOptions<CoordinationClientOptions> options,
    ILoggerFactory loggerFactory,
    TimeProvider time) : IHostedService
{
    private readonly TaskCompletionSource<CoordinationClient> _client = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The session, once the host has started it.</summary>
    public CoordinationClient Client => _client.Task.IsCompletedSuccessfully
        ? _client.Task.Result
        : throw new InvalidOperationException(
            "The coordination client connects when the host starts: resolve it after start, or await GetClientAsync.");

    public Task<CoordinationClient> GetClientAsync(CancellationToken cancellationToken = default) =>
        _client.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _client.TrySetResult(await CoordinationClient
                .ConnectAsync(cluster, options.Value, loggerFactory, time, cancellationToken)
                .ConfigureAwait(false));
        }
        catch (Exception ex)
        {
            _client.TrySetException(ex);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_client.Task.IsCompletedSuccessfully)
        {
            await _client.Task.Result.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
