using CoordinationService.Client.Election;
using CoordinationService.Client.Hosting;

namespace CoordinationService.RecipeHost;

/// <summary>Leads by printing its term, then holds leadership until it is lost or the process ends.</summary>
internal sealed class PrintingLeader(CoordinationClientHost host, string path, string identifier)
    : LeaderBackgroundService(host, path, new LeaderElectionOptions { Identifier = identifier })
{
    protected override async Task ExecuteWhileLeaderAsync(Leadership leadership, CancellationToken cancellationToken)
    {
        Console.WriteLine($"LEADER term={leadership.Term} id={leadership.Identifier}");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        finally
        {
            Console.WriteLine($"LOST term={leadership.Term} reason={leadership.LostReason}");
        }
    }
}
