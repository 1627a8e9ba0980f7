using Polly;

namespace CoordinationService.Client.Election;

public sealed class LeaderElectionOptions
{
    /// <summary>Stored in this contender's node and shown to observers (kazoo's identifier). Default: host name and process id.</summary>
    public string Identifier { get; set; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>When leadership counts as lost. Default <see cref="LeadershipLossPolicy.ConnectionLoss"/>.</summary>
    public LeadershipLossPolicy LossPolicy { get; set; } = LeadershipLossPolicy.ConnectionLoss;

    /// <summary>Retry of the election's own writes after a connection loss; default <c>CoordinationRetry.Default</c>.</summary>
    public ResiliencePipeline? Retry { get; set; }
}
