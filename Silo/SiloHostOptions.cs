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

        if (!System.Net.IPAddress.TryParse(AdvertisedAddress, out _))
        {
            yield return $"Silo:AdvertisedAddress must be an IP address (was '{AdvertisedAddress}').";
        }

        if (SiloPort == GatewayPort)
        {
            yield return "Silo:SiloPort and Silo:GatewayPort must differ.";
        }
    }
}
