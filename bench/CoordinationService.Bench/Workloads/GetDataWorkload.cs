namespace CoordinationService.Bench.Workloads;

/// <summary>Reads of random pre-created nodes: the in-memory lookup on the serving silo's Replica.</summary>
public sealed class GetDataWorkload(NodeSet nodes, int inFlight) : Workload
{
    public override string Name => "getData";

    public override int InFlight => inFlight;

    public override Target Target { get; } = new(TargetMetric.OpsPerSecondAtLeast, 40_000);

    public override Task ExecuteAsync(IBenchSession session, Random random) =>
        session.GetDataAsync(nodes.Pick(random));
}
