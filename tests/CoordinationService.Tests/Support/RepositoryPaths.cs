namespace CoordinationService.Tests.Support;

internal static class RepositoryPaths
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "CoordinationService.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new InvalidOperationException("CoordinationService.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The Silo program built alongside these tests (same configuration).</summary>
    public static string SiloAssembly
    {
        get
        {
            // tests/CoordinationService.Tests/bin/<Configuration>/<tfm>/
            var tfmDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(System.IO.Path.DirectorySeparatorChar));
            var configuration = tfmDirectory.Parent!.Name;
            var path = System.IO.Path.Combine(Root, "Silo", "bin", configuration, tfmDirectory.Name, "CoordinationService.Silo.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the Silo project first", path);
        }
    }
}
