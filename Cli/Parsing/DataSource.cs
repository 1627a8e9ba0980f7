using System.CommandLine;
using System.Text;

namespace CoordinationService.Cli.Parsing;

/// <summary>
/// A znode's new data: the DATA argument as UTF-8 text, "-" for standard input, or --file for a
/// file's bytes (binary safe). One of them at most.
/// </summary>
public sealed class DataSource
{
    public Argument<string?> Text { get; } = new("data")
    {
        Description = "The data as text; '-' reads standard input.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<FileInfo?> File { get; } = new("--file", "-f")
    {
        Description = "Read the data from this file (bytes as they are).",
    };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Text);
        command.Options.Add(File);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Text) is not null && result.GetValue(File) is not null)
            {
                result.AddError("Give the data as an argument or with --file, not both.");
            }
        });
    }

    public bool IsGiven(ParseResult parse) => parse.GetValue(Text) is not null || parse.GetValue(File) is not null;

    /// <summary>The bytes to write; empty when nothing was given.</summary>
    public byte[] Read(ParseResult parse)
    {
        if (parse.GetValue(File) is { } file)
        {
            return System.IO.File.ReadAllBytes(file.FullName);
        }

        var text = parse.GetValue(Text);
        if (text == "-")
        {
            using var input = Console.OpenStandardInput();
            using var buffer = new MemoryStream();
            input.CopyTo(buffer);
            return buffer.ToArray();
        }

        return text is null ? [] : Encoding.UTF8.GetBytes(text);
    }
}
