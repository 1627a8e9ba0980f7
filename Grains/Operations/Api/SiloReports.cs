using CoordinationService.Operations.Reports;

namespace CoordinationService.Operations.Api;

/// <summary>Asks every active silo for its report at once; a silo that does not answer in time is listed with the reason.</summary>
public sealed class SiloReports(SiloReportClient client, IClusterMembershipService membership)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<IReadOnlyList<SiloAnswer>> CollectAsync(int maxWatches, CancellationToken cancellation)
    {
        var silos = membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active)
            .Select(m => m.SiloAddress)
            .OrderBy(s => s.ToString(), StringComparer.Ordinal)
            .ToList();
        return await Task.WhenAll(silos.Select(silo => AskAsync(silo, maxWatches, cancellation))).ConfigureAwait(false);
    }

    private async Task<SiloAnswer> AskAsync(SiloAddress silo, int maxWatches, CancellationToken cancellation)
    {
        try
        {
            return new SiloAnswer(silo.ToString(), await client.On(silo).GetReport(maxWatches).WaitAsync(Timeout, cancellation).ConfigureAwait(false), null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            return new SiloAnswer(silo.ToString(), null, exception.Message);
        }
    }
}

/// <summary>A silo's report, or why there is none.</summary>
public sealed record SiloAnswer(string Silo, SiloReport? Report, string? Error);
