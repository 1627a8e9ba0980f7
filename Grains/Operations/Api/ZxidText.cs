using CoordinationService.Model;

namespace CoordinationService.Operations.Api;

/// <summary>
/// Zxids and session ids go to the page as ZooKeeper writes them (0x1f00000004): as JSON numbers
/// they would lose precision past 2^53 in JavaScript.
/// </summary>
internal static class ZxidText
{
    public static string Hex(long value) => $"0x{value:x}";

    public static string Of(Zxid zxid) => Hex(zxid.Value);
}
