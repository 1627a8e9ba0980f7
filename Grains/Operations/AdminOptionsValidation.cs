using System.Net;

namespace CoordinationService.Operations;

public static class AdminOptionsValidation
{
    /// <summary>What is wrong with the admin settings, one line each, naming the setting.</summary>
    public static IEnumerable<string> Problems(this AdminOptions options)
    {
        if (options.Port is < 1 or > 65535)
        {
            yield return $"Admin:Port must be a TCP port (was {options.Port}).";
        }

        if (!IPAddress.TryParse(options.BindAddress, out _))
        {
            yield return $"Admin:BindAddress must be an IP address (was '{options.BindAddress}').";
        }

        if (options.ReadyMaxLagTxns < 0)
        {
            yield return "Admin:ReadyMaxLagTxns must not be negative.";
        }

        if (options.LogStoreTimeoutMs < 1)
        {
            yield return "Admin:LogStoreTimeoutMs must be positive.";
        }
    }
}
