namespace CoordinationService.Tests.Cluster;

/// <summary>Cluster tests run one at a time: each starts three silos, and the machine has two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
