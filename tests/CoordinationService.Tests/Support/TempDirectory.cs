namespace CoordinationService.Tests.Support;

/// <summary>A directory of the test's own, removed when the test is done.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("coordination-test-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A killed process may still hold a file for a moment; the OS temp cleaner gets the rest.
        }
    }
}
