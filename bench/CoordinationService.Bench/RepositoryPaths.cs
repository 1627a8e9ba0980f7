namespace CoordinationService.Bench;

/// <summary>Where the repository is, found from the bench's own build output so it runs from any working directory.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> _root = new(FindRoot);

    public static string Root => _root.Value;

    public static string SiloProject => Path.Combine(Root, "Silo");

    public static string SiloAssembly => Path.Combine(Root, "Silo", "bin", "Release", "net10.0", "CoordinationService.Silo.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoordinationService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CoordinationService.sln above {AppContext.BaseDirectory}.");
    }
}
