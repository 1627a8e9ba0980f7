using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace CoordinationService.Tests.Support;

/// <summary>Loopback ports nobody is using, so tests run beside a live silo on the default ports.</summary>
public static class FreePort
{
    // The kernel may hand the same ephemeral port out again once the probe closes it: a test that asks
    // for several ports before binding any (silo, gateway, ZooKeeper) must never get one twice.
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}
