using System.IO.Hashing;

namespace CoordinationService.Log;

/// <summary>CRC-32 (IEEE) over stored bytes: catches torn and flipped bytes, not tampering.</summary>
public static class LogChecksum
{
    public static uint Compute(ReadOnlySpan<byte> data) => Crc32.HashToUInt32(data);
}
