using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CoordinationService.Bench.Compare.Targets;

/// <summary>ZooKeeper's four-letter words (srvr, mntr) on a client port: our silos answer them as ZooKeeper does.</summary>
public static class FourLetterWord
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<string> AskAsync(IPEndPoint server, string word, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Timeout);
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(server, deadline.Token);
        await socket.SendAsync(Encoding.ASCII.GetBytes(word), deadline.Token);
        // The server answers and closes: read to the end.
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, deadline.Token)) > 0)
        {
            answer.Write(buffer, 0, read);
        }

        return Encoding.ASCII.GetString(answer.ToArray());
    }

    /// <summary>"leader", "follower", "standalone", "looking", ... from srvr's "Mode:" line; null when the server does not answer.</summary>
    public static async Task<string?> ModeAsync(IPEndPoint server, CancellationToken ct)
    {
        try
        {
            var text = await AskAsync(server, "srvr", ct);
            var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("Mode:", StringComparison.Ordinal));
            return line?["Mode:".Length..].Trim();
        }
        catch (Exception ex) when (ex is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
