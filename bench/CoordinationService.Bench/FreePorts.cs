using System.Net;
using System.Net.Sockets;

namespace CoordinationService.Bench;

/// <summary>Loopback ports nobody is using now; never 2181/11111/30000, the defaults of a real ZooKeeper and of a silo.</summary>
public static class FreePorts
{
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (port is not (2181 or 11111 or 30000))
            {
                return port;
            }
        }
    }

    /// <summary>Several ports at once, all different (the OS may hand the same free port out twice in a row).</summary>
    public static int[] Distinct(int count)
    {
        var ports = new List<int>(count);
        while (ports.Count < count)
        {
            var port = Next();
            if (!ports.Contains(port))
            {
                ports.Add(port);
            }
        }

        return [.. ports];
    }
}
