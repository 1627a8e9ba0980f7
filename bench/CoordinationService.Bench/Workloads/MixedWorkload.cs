namespace CoordinationService.Bench.Workloads;

/// <summary>90% getData, 10% setData over the same nodes: reads that queue behind writes in a session's
/// ordered batches, as a typical configuration-store client does.</summary>
public sealed class MixedWorkload(NodeSet nodes, int inFlight) : Workload
{
    public override string Name => "mixed 90/10";

    public override int InFlight => inFlight;

    public override Task ExecuteAsync(IBenchSession session, Random random) =>
        random.Next(10) == 0
            ? session.SetDataAsync(nodes.Pick(random), nodes.Data)
            : session.GetDataAsync(nodes.Pick(random));
}
