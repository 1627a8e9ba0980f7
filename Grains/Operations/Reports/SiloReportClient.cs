using Orleans.Runtime.Services;

namespace CoordinationService.Operations.Reports;

/// <summary>Reaches the <see cref="ISiloReportService"/> of a chosen silo.</summary>
public sealed class SiloReportClient(IServiceProvider services) : GrainServiceClient<ISiloReportService>(services)
{
    public ISiloReportService On(SiloAddress silo) => GetGrainService(silo);
}
