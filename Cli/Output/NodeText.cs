using System.Text;

namespace CoordinationService.Cli.Output;

/// <summary>Node data for people: text when it is UTF-8, otherwise base64 with a prefix saying so (lossless either way).</summary>
public static class NodeText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string? AsUtf8(byte[] data)
    {
        try
        {
            return Strict.GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public static string ForDisplay(byte[] data) => AsUtf8(data) ?? "base64:" + Convert.ToBase64String(data);
}
