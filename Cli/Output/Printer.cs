using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoordinationService.Cli.Output;

/// <summary>Where results and errors go: lines for people, or JSON (one document per result, one line per streamed event).</summary>
public sealed class Printer(bool json, TextWriter output, TextWriter error)
{
    private static readonly JsonSerializerOptions Document = Options(indented: true);
    private static readonly JsonSerializerOptions Line = Options(indented: false);

    public bool Json => json;

    public TextWriter Out => output;

    public void WriteLine(string text) => output.WriteLine(text);

    public void WriteJson<T>(T value) => output.WriteLine(JsonSerializer.Serialize(value, Document));

    /// <summary>One compact JSON document per line (JSON Lines), for streams such as watch events.</summary>
    public void WriteJsonLine<T>(T value) => output.WriteLine(JsonSerializer.Serialize(value, Line));

    /// <summary>Progress and notices: standard error, so standard output stays the result.</summary>
    public void Notice(string text) => error.WriteLine(text);

    public void Failure(Failure failure)
    {
        if (json)
        {
            error.WriteLine(JsonSerializer.Serialize(failure.ToJson(), Document));
        }
        else
        {
            error.WriteLine(failure.ToText());
        }
    }

    private static JsonSerializerOptions Options(bool indented) => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = indented,
        // Paths and data stay readable: no \u escapes for non-ASCII or HTML-sensitive characters.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}
