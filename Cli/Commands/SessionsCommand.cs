using System.CommandLine;
using CoordinationService.Cli.Output;
using CoordinationService.Cli.Parsing;
using CoordinationService.Grains;

namespace CoordinationService.Cli.Commands;

/// <summary>
/// <c>coord sessions</c>: every live session in the replicated session table with its timeout and
/// ephemeral nodes, as the silo <c>coord</c> reaches sees it (every silo holds the same table). The
/// short-lived session of <c>coord</c> itself is left out.
/// </summary>
public static class SessionsCommand
{
    public static Command Create(GlobalOptions global)
    {
        var command = new Command("sessions", "List live sessions with their timeouts and ephemeral nodes.");
        command.SetAction((parse, ct) => CommandRunner.RunAsync(parse, global, ct, async (session, token) =>
        {
            var listing = await session.Connection.Cluster.GetGrain<ICoordinatorGrain>(0).ListSessions().WaitAsync(token);
            var sessions = listing.Sessions.Where(s => s.Id != session.Client.SessionId).ToList();
            if (session.Printer.Json)
            {
                session.Printer.WriteJson(new SessionsJson(
                    listing.Silo,
                    listing.Zxid,
                    [.. sessions.Select(s => new SessionJson(s.Id.ToString(), s.TimeoutMs, s.Ephemerals))]));
            }
            else
            {
                PrintTable(session.Printer, sessions);
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    private static void PrintTable(Printer printer, IReadOnlyList<LiveSession> sessions)
    {
        var idWidth = Math.Max("SESSION".Length, sessions.Select(s => s.Id.ToString().Length).DefaultIfEmpty(0).Max());
        var timeouts = sessions.Select(s => Durations.Format(TimeSpan.FromMilliseconds(s.TimeoutMs))).ToList();
        var timeoutWidth = Math.Max("TIMEOUT".Length, timeouts.Select(t => t.Length).DefaultIfEmpty(0).Max());
        string Row(string id, string timeout, string ephemeral) => $"{id.PadRight(idWidth)}  {timeout.PadRight(timeoutWidth)}  {ephemeral}".TrimEnd();

        printer.WriteLine(Row("SESSION", "TIMEOUT", "EPHEMERALS"));
        for (var i = 0; i < sessions.Count; i++)
        {
            var ephemerals = sessions[i].Ephemerals;
            printer.WriteLine(Row(sessions[i].Id.ToString(), timeouts[i], ephemerals.Count > 0 ? ephemerals[0] : "-"));
            foreach (var more in ephemerals.Skip(1))
            {
                printer.WriteLine(Row(string.Empty, string.Empty, more));
            }
        }
    }

    /// <param name="Zxid">The zxid the listing's replica had applied.</param>
    private sealed record SessionsJson(string Silo, long Zxid, IReadOnlyList<SessionJson> Sessions);

    /// <param name="Id">Hexadecimal, as ZooKeeper prints session ids (and exact, where a JSON number might not be).</param>
    private sealed record SessionJson(string Id, int TimeoutMs, IReadOnlyList<string> Ephemerals);
}
