using System.Net;
using CoordinationService.Bench.Reporting;

namespace CoordinationService.Bench.Zk;

/// <summary>The ZooKeeper-protocol mode: picks or starts the server, opens the sessions, runs the shared
/// <see cref="WorkloadSeries"/> (which deletes its nodes again through the same sessions), closes the sessions.</summary>
public static class ZooKeeperRunner
{
    public static async Task<int> RunAsync(ZooKeeperBenchOptions options, CancellationToken ct)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            problems.ForEach(p => Console.Error.WriteLine(p));
            return 2;
        }

        foreach (var fact in MachineFacts.Describe())
        {
            Console.WriteLine(fact);
        }

        SiloLauncher? silo = null;
        ZooKeeperServerLauncher? zooKeeper = null;
        var connections = new List<ZkConnection>();
        try
        {
            IPEndPoint server;
            Func<TimeSpan>? serverCpu = null;
            string description;
            if (options.Target is { } target)
            {
                server = target;
                description = $"ZooKeeper-protocol server at {target} (not started by the bench; server CPU n/a)";
            }
            else if (options.ZooKeeperJar is { } jar)
            {
                var started = zooKeeper = await ZooKeeperServerLauncher.StartAsync(jar, ct);
                (server, serverCpu) = (started.ClientEndPoint, () => started.CpuTime);
                description = $"Apache ZooKeeper standalone from {jar}, started by the bench at {server}";
                Console.WriteLine($"ZooKeeper started: PID {started.Pid}, clients {server}");
            }
            else
            {
                var started = silo = await SiloLauncher.StartAsync(options.Common.SiloSettings, ct);
                (server, serverCpu) = (started.ZooKeeper, () => started.CpuTime);
                description = $"CoordinationService silo over the ZooKeeper protocol at {server}";
                Console.WriteLine($"Silo started: PID {started.Pid}, ZooKeeper clients {server}");
            }

            for (var i = 0; i < options.Common.Sessions; i++)
            {
                connections.Add(await ZkConnection.ConnectAsync(server, ZooKeeperBenchOptions.SessionTimeout, ct));
            }

            Console.WriteLine($"{connections.Count} ZooKeeper sessions to {server}, timeout {connections[0].NegotiatedTimeout.TotalSeconds:0.#} s, " +
                $"{options.Common.InFlight / options.Common.Sessions} in flight each");
            return await WorkloadSeries.RunAsync(
                options.Common, connections.Select(c => new ZkSession(c)).ToList(), serverCpu, cleanUp: true, description, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            Console.Error.WriteLine("Interrupted.");
            return 130;
        }
        finally
        {
            foreach (var connection in connections)
            {
                try
                {
                    await connection.CloseAsync();
                }
                catch (Exception ex) when (ex is ZkErrorException or ZkConnectionLostException)
                {
                    // Best effort: the server expires the session anyway.
                }

                await connection.DisposeAsync();
            }

            if (zooKeeper is not null)
            {
                await zooKeeper.DisposeAsync();
                Console.WriteLine($"ZooKeeper PID {zooKeeper.Pid} stopped.");
            }

            if (silo is not null)
            {
                await silo.DisposeAsync();
                Console.WriteLine($"Silo PID {silo.Pid} stopped.");
            }
        }
    }
}
