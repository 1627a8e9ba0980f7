namespace CoordinationService.Gateway.Protocol;

/// <summary>
/// A frame's length prefix is negative or over the limit. ZooKeeper closes the connection without
/// a reply, so the gateway must do the same rather than answer.
/// </summary>
public sealed class FrameTooLargeException(int length, int maxFrameLength)
    : Exception($"Frame length {length} is outside 0..{maxFrameLength}")
{
    public int Length { get; } = length;

    public int MaxFrameLength { get; } = maxFrameLength;
}
