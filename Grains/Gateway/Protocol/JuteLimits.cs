namespace CoordinationService.Gateway.Protocol;

/// <summary>ZooKeeper's size limits, with its default values.</summary>
public static class JuteLimits
{
    /// <summary>jute.maxbuffer: the largest request frame ZooKeeper accepts (one byte more closes the connection).</summary>
    public const int MaxBuffer = 1_048_575;

    /// <summary>zookeeper.jute.maxbuffer.extrasize: slack BinaryInputArchive allows a single buffer or string
    /// over <see cref="MaxBuffer"/>, to leave room for the headers around it.</summary>
    public const int ExtraSize = 1024;

    /// <summary>The longest single buffer, string or vector the reader accepts by default.</summary>
    public const int MaxFieldLength = MaxBuffer + ExtraSize;
}
