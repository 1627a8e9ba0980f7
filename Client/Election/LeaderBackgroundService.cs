using CoordinationService.Client.Hosting;
using Microsoft.Extensions.Hosting;

namespace CoordinationService.Client.Election;

/// <summary>
/// A hosted service that does its work only while it leads <see cref="ElectionPath"/>: it campaigns
/// when the host starts, runs <see cref="ExecuteWhileLeaderAsync"/> once elected, cancels it the
/// moment leadership is lost, and campaigns again. Leadership is given up when that method returns
/// or throws, and when the host stops. An expired session ends the service with
/// <see cref="Errors.SessionExpiredException"/> (by default the host then stops, so the process can be
/// restarted with a new session).
/// </summary>
public abstract class LeaderBackgroundService : BackgroundService
{
    private readonly Func<CancellationToken, Task<CoordinationClient>> _client;
    private readonly LeaderElectionOptions _options;

    /// <summary>Uses the session of <c>AddCoordinationClient</c>, once the host has opened it.</summary>
    protected LeaderBackgroundService(CoordinationClientHost host, string electionPath, LeaderElectionOptions? options = null)
        : this(host.GetClientAsync, electionPath, options)
    {
    }

    protected LeaderBackgroundService(CoordinationClient client, string electionPath, LeaderElectionOptions? options = null)
        : this(_ => Task.FromResult(client), electionPath, options)
    {
    }

    private LeaderBackgroundService(Func<CancellationToken, Task<CoordinationClient>> client, string electionPath, LeaderElectionOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(electionPath);
        _client = client;
        _options = options ?? new LeaderElectionOptions();
        ElectionPath = electionPath;
    }

    public string ElectionPath { get; }

    /// <summary>Pause before campaigning again after a leadership ended, so a leader that keeps failing does not spin. Default 100 ms.</summary>
    protected virtual TimeSpan RecampaignDelay => TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// The leader's work. <paramref name="cancellationToken"/> is cancelled when leadership is lost or
    /// the host stops; pass <see cref="Leadership.Term"/> to the resources it writes so they can refuse
    /// a deposed leader.
    /// </summary>
    protected abstract Task ExecuteWhileLeaderAsync(Leadership leadership, CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var client = await _client(stoppingToken).ConfigureAwait(false);
        var election = new LeaderElection(client, ElectionPath, _options);
        while (!stoppingToken.IsCancellationRequested)
        {
            var leadership = await election.CampaignAsync(stoppingToken).ConfigureAwait(false);
            await using (leadership.ConfigureAwait(false))
            {
                using var whileLeader = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, leadership.LostToken);
                try
                {
                    await ExecuteWhileLeaderAsync(leadership, whileLeader.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (whileLeader.IsCancellationRequested)
                {
                    // Leadership lost or host stopping: exactly what the token announced.
                }
            }

            await Task.Delay(RecampaignDelay, stoppingToken).ConfigureAwait(false);
        }
    }
}
