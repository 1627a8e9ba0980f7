namespace CoordinationService.Gateway.Protocol;

internal static class JuteReaderExtensions
{
    /// <summary>Paths are ustrings that no ZooKeeper client sends as null; one that does is malformed.</summary>
    public static string ReadPath(ref this JuteReader reader) =>
        reader.ReadString() ?? throw new JuteFormatException("Null path");
}
