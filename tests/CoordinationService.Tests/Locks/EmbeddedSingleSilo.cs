using CoordinationService.Grains;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Locks;

/// <summary>One in-process silo with the embedded log, shared by a test class.</summary>
public sealed class EmbeddedSingleSilo : IAsyncLifetime
{
    private CoordinationCluster? _cluster;

    public IGrainFactory Grains => (_cluster ?? throw new InvalidOperationException("not started")).GrainsOf(0);

    public async Task InitializeAsync() => _cluster = await CoordinationCluster.StartAsync(silos: 1);

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    public Task<RawSession> OpenAsync() => RawSession.OpenAsync(Grains.GetGrain<ICoordinatorGrain>(0), timeoutMs: 30_000);

    public async Task<string> DigestAsync() => (await Grains.GetGrain<ICoordinatorGrain>(0).GetReplicaStatus()).Digest;
}
