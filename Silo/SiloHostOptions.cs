namespace CoordinationService.Silo;

/// <summary>Where this silo listens; bound from the "Silo" section (or Silo__Name environment variables).</summary>
public sealed class SiloHostOptions
{
    public const string SectionName = "Silo";

    /// <summary>Silo-to-silo port. Default 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>Orleans client gateway port (the .NET client connects here). Default 30000.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// Silo port of the first silo when several silos run on one machine without a membership
    /// database (development clustering); 0 (default) means this silo is the first or the only one.
    /// </summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>
    /// Cluster mode: the address other silos and clients reach this silo at, published in the
    /// membership table with SiloPort and GatewayPort. Default 127.0.0.1 (all silos on one machine).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Listen for silos and clients on every interface instead of only the advertised address
    /// (containers, where the advertised name resolves to the container's own address). Default false.
    /// </summary>
    public bool ListenOnAnyAddress { get; set; }

    /// <summary>The advertised address as an IP: a host name (a container's service name) is resolved once, at start.</summary>
    public System.Net.IPAddress ResolveAdvertisedAddress() =>
        System.Net.IPAddress.TryParse(AdvertisedAddress, out var ip)
            ? ip
            : System.Net.Dns.GetHostAddresses(AdvertisedAddress).First(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);

    public string ClusterId { get; set; } = "coordination";

    public string ServiceId { get; set; } = "coordination";

    public IEnumerable<string> Validate()
    {
        if (SiloPort is < 1 or > 65535)
        {
            yield return $"Silo:SiloPort must be a TCP port (was {SiloPort}).";
        }

        if (GatewayPort is < 1 or > 65535)
        {
            yield return $"Silo:GatewayPort must be a TCP port (was {GatewayPort}).";
        }

        if (string.IsNullOrWhiteSpace(AdvertisedAddress))
        {
            yield return "Silo:AdvertisedAddress must be an IP address or a host name.";
        }

        if (SiloPort == GatewayPort)
        {
            yield return "Silo:SiloPort and Silo:GatewayPort must differ.";
        }
    }
}
