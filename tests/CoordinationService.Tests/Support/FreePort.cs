using System.Net;
using System.Net.Sockets;

namespace CoordinationService.Tests.Support;

/// <summary>Loopback ports nobody is using, so tests run beside a live silo on the default ports.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
