using System.Globalization;
using CoordinationService.Model;

namespace CoordinationService.Cli.Output;

/// <summary>A Stat the way zkCli prints one (same field names and order, zxids in hex), with ISO-8601 UTC times.</summary>
public static class StatText
{
    public static IReadOnlyList<string> Lines(Stat stat) =>
    [
        $"cZxid = {Hex(stat.Czxid)}",
        $"ctime = {Time(stat.Ctime)}",
        $"mZxid = {Hex(stat.Mzxid)}",
        $"mtime = {Time(stat.Mtime)}",
        $"pZxid = {Hex(stat.Pzxid)}",
        $"cversion = {stat.Cversion}",
        $"dataVersion = {stat.Version}",
        $"aclVersion = {stat.Aversion}",
        $"ephemeralOwner = {Hex(stat.EphemeralOwner)}",
        $"dataLength = {stat.DataLength}",
        $"numChildren = {stat.NumChildren}",
    ];

    public static string Hex(long value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string Time(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
