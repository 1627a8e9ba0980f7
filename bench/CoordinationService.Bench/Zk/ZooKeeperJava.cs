using System.Diagnostics;

namespace CoordinationService.Bench.Zk;

/// <summary>How the bench runs Apache ZooKeeper's server classes: Debian's jar (its manifest's Class-Path
/// names every dependency), Debian's /etc/zookeeper/conf for log4j, logs to the server's own directory.</summary>
public static class ZooKeeperJava
{
    public const string DefaultJar = "/usr/share/java/zookeeper.jar";

    public const string StandaloneMain = "org.apache.zookeeper.server.ZooKeeperServerMain";

    public const string QuorumPeerMain = "org.apache.zookeeper.server.quorum.QuorumPeerMain";

    public static Process Start(string jar, string directory, string mainClass, string config)
    {
        if (!File.Exists(jar))
        {
            throw new FileNotFoundException($"No ZooKeeper jar at {jar} (Debian's package: apt-get install zookeeper).", jar);
        }

        var start = new ProcessStartInfo("java")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[]
        {
            "-Xmx512m", $"-Dzookeeper.log.dir={directory}", "-Dzookeeper.root.logger=WARN,CONSOLE",
            "-cp", $"/etc/zookeeper/conf:{jar}", mainClass, config,
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("java did not start");
        // Drained so a chatty server never blocks on a full pipe; the output itself is not needed.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Ready means a session opens: a listening port alone comes before the database is loaded
    /// (standalone) or before the quorum has a leader (ensemble).</summary>
    public static async Task WaitUntilServingAsync(System.Net.IPEndPoint server, Process process, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"ZooKeeper at {server} exited (code {process.ExitCode}) before it served.");
            }

            try
            {
                await using var probe = await ZkConnection.ConnectAsync(server, TimeSpan.FromSeconds(30), ct);
                await probe.CloseAsync();
                return;
            }
            catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ZkConnectionLostException or IOException
                && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(250, ct);
            }
        }
    }
}
