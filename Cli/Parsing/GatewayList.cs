using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace CoordinationService.Cli.Parsing;

/// <summary>Parses <c>host:port[,host:port...]</c> into the gateway endpoints of the Orleans client.</summary>
public static class GatewayList
{
    public static bool TryParse(string text, out IReadOnlyList<IPEndPoint> endpoints, [NotNullWhen(false)] out string? error)
    {
        var parsed = new List<IPEndPoint>();
        endpoints = parsed;
        error = null;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseOne(part, out var endpoint))
            {
                error = $"'{part}' is not host:port.";
                return false;
            }

            parsed.Add(endpoint);
        }

        if (parsed.Count == 0)
        {
            error = "no gateway given: use host:port.";
            return false;
        }

        return true;
    }

    private static bool TryParseOne(string text, [NotNullWhen(true)] out IPEndPoint? endpoint)
    {
        if (IPEndPoint.TryParse(text, out var literal) && literal.Port != 0)
        {
            endpoint = literal;
            return true;
        }

        endpoint = null;
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), out var port) || port is <= 0 or > 65535)
        {
            return false;
        }

        try
        {
            // IPv4 first: silos listen on 127.0.0.1 by default, and "localhost" may resolve to ::1 first.
            var addresses = Dns.GetHostAddresses(text[..colon]);
            var address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses.FirstOrDefault();
            if (address is null)
            {
                return false;
            }

            endpoint = new IPEndPoint(address, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
