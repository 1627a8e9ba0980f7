namespace CoordinationService.Bench.Workloads;

/// <summary>Unconditional writes (version -1) of the node's size to random pre-created nodes: the full
/// write path, leader batch, one log append and fsync per group commit.</summary>
public sealed class SetDataWorkload(NodeSet nodes, int inFlight) : Workload
{
    public override string Name => "setData";

    public override int InFlight => inFlight;

    public override Target Target { get; } = new(TargetMetric.OpsPerSecondAtLeast, 10_000);

    public override Task ExecuteAsync(IBenchSession session, Random random) =>
        session.SetDataAsync(nodes.Pick(random), nodes.Data);
}
