using CoordinationService.Front;
using CoordinationService.Replicas;
using Microsoft.Extensions.Logging;

namespace CoordinationService.Operations.Reports;

/// <summary>Answers for this silo; any silo's admin API reaches every other silo's through <see cref="SiloReportClient"/>.</summary>
public sealed class SiloReportService(
    GrainId grainId,
    Silo silo,
    ILoggerFactory loggerFactory,
    Replica replica,
    SessionHub hub,
    LeaderContact contact,
    CoordinationMetrics metrics) : GrainService(grainId, silo, loggerFactory), ISiloReportService
{
    public Task<SiloReport> GetReport(int maxWatches)
    {
        var (watchCount, watches, nodes) = replica.Inspect((tree, table) =>
        {
            var listed = new List<WatchView>();
            foreach (var session in table.SessionIds())
            {
                foreach (var watch in table.WatchesOf(session))
                {
                    if (listed.Count >= maxWatches)
                    {
                        break;
                    }

                    listed.Add(new WatchView(session, watch.Path, OperationNames.SnakeCase(watch.Kind.ToString())));
                }
            }

            return (table.Count, listed, tree.NodeCount);
        });

        var attached = hub.RecentlyActive(0);
        return Task.FromResult(new SiloReport(
            Silo.ToString(), replica.AppliedZxid, metrics.CommittedZxid, contact.InTouch, attached, watchCount, watches, nodes));
    }
}
