using CoordinationService.Grains;
using CoordinationService.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace CoordinationService.Tests.Support;

/// <summary>
/// Real silos in this process (Orleans' in-process test cluster) sharing one embedded log file,
/// each with its own replica, session hub and front door. A test talks to a chosen silo through
/// that silo's own grain factory, so its stateless front door runs there.
/// </summary>
public sealed class CoordinationCluster : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private CoordinationCluster(InProcessTestCluster cluster, TempDirectory data)
    {
        Cluster = cluster;
        _data = data;
    }

    public InProcessTestCluster Cluster { get; }

    public static async Task<CoordinationCluster> StartAsync(
        short silos = 3, Action<CoordinationOptions>? configure = null, Action<ISiloBuilder>? configureSilo = null)
    {
        var data = new TempDirectory();
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.Options.InitializeClientOnDeploy = true;
        builder.ConfigureSilo((_, silo) =>
        {
            configureSilo?.Invoke(silo);
            silo.Services.Configure<ClusterMembershipOptions>(o =>
            {
                // Declare a killed silo dead within seconds, so the leader moves quickly in tests.
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(1);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1);
            });
            silo.AddCoordinationService(o =>
            {
                o.DataDirectory = data.Path;
                o.TickTimeMs = 250;
                o.MinSessionTimeoutMs = 1000;
                o.MaxSessionTimeoutMs = 30_000;
                o.ContainerCheckIntervalMs = 200;
                configure?.Invoke(o);
            });
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new CoordinationCluster(cluster, data);
    }

    public InProcessSiloHandle Silo(int index) => Cluster.Silos[index];

    public IGrainFactory GrainsOf(int index) => Silo(index).ServiceProvider.GetRequiredService<IGrainFactory>();

    public ICoordinatorGrain FrontDoorOf(int index) => GrainsOf(index).GetGrain<ICoordinatorGrain>(0);

    /// <summary>Waits until every live silo's replica has applied the leader's commit point, then returns their states.</summary>
    public async Task<IReadOnlyList<ReplicaStatus>> ConvergedReplicasAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var committed = await GrainsOf(0).GetGrain<IAtomicBroadcastGrain>(0).GetCommittedZxid();
            var statuses = await Task.WhenAll(Enumerable.Range(0, Cluster.Silos.Count).Select(i => FrontDoorOf(i).GetReplicaStatus()));
            if (statuses.All(s => s.AppliedZxid == committed))
            {
                return statuses;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Replicas did not reach 0x{committed:x}: " + string.Join(", ", statuses.Select(s => $"{s.Silo}=0x{s.AppliedZxid:x}")));
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _data.Dispose();
    }
}
