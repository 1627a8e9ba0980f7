using CoordinationService.Grains;

namespace CoordinationService.Client.Session;

/// <summary>
/// One attachment of the session: the coordinator reference every call goes through (the Orleans client
/// sends all calls for one grain id through one gateway, so the session stays on one silo) and the
/// attachment id the silo checks.
/// </summary>
internal sealed record Connection(ICoordinatorGrain Grain, long RoutingKey, Guid Attachment)
{
    // 1024 keys spread sessions over gateways; any key reaches a local stateless worker.
    private const int RoutingKeys = 1024;

    private readonly CancellationTokenSource _replaced = new();

    /// <summary>Cancelled once the session is attached anew: a call still out on this attachment can bring nothing the session uses.</summary>
    public CancellationToken Replaced => _replaced.Token;

    public void MarkReplaced() => _replaced.Cancel();

    public static Connection Pick(IGrainFactory grains)
    {
        var key = Random.Shared.Next(0, RoutingKeys);
        return new Connection(grains.GetGrain<ICoordinatorGrain>(key), key, Guid.NewGuid());
    }
}
