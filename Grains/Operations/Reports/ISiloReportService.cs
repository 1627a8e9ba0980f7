using Orleans.Services;

namespace CoordinationService.Operations.Reports;

/// <summary>One per silo: what that silo's replica, session hub and watch table hold, for the web view.</summary>
[Alias("cs.ISiloReportService")]
public interface ISiloReportService : IGrainService
{
    /// <summary>This silo's report, listing at most <paramref name="maxWatches"/> watches.</summary>
    [Alias("GetReport")]
    Task<SiloReport> GetReport(int maxWatches);
}
