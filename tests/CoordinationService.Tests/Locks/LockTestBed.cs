using CoordinationService.Client;

namespace CoordinationService.Tests.Locks;

/// <summary>Where the lock contract runs: some silos, and clients spread over them.</summary>
public abstract class LockTestBed : IAsyncLifetime
{
    /// <summary>The shortest session timeout the silos grant, for the expiry test.</summary>
    public abstract TimeSpan ShortSessionTimeout { get; }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    /// <summary>A client whose session lives on silo <c>index % silos</c>, through a link the test can cut.</summary>
    public async Task<LockTestClient> ConnectAsync(int index, TimeSpan? sessionTimeout = null)
    {
        var link = new PartitionableGrainFactory(GrainsFor(index));
        var client = await CoordinationClient.ConnectAsync(
            link, new CoordinationClientOptions { SessionTimeout = sessionTimeout ?? TimeSpan.FromSeconds(20) });
        return new LockTestClient(client, link);
    }

    protected abstract IGrainFactory GrainsFor(int index);
}
