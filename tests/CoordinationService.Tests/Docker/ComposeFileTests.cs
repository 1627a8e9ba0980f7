using CoordinationService.Tests.Support;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CoordinationService.Tests.Docker;

/// <summary>
/// No Docker engine runs where these tests run, so the container files are checked for what can
/// be checked without one: the compose file parses, every file it and the Dockerfile name exists,
/// and the cluster it describes is the one README.md documents.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string DockerDirectory = Path.Combine(RepositoryPaths.Root, "docker");

    private static YamlMappingNode Compose()
    {
        var yaml = new YamlStream();
        using var reader = new StreamReader(Path.Combine(DockerDirectory, "compose.yaml"));
        // Compose resolves YAML merge keys (<<: *silo); so does the merging parser.
        yaml.Load(new MergingParser(new Parser(reader)));
        return (YamlMappingNode)yaml.Documents[0].RootNode;
    }

    private static YamlMappingNode Service(string name) => (YamlMappingNode)((YamlMappingNode)Compose()["services"])[name];

    [Fact]
    public void ComposeDescribesPostgresAndThreeSilosWithHealthChecks()
    {
        var services = (YamlMappingNode)Compose()["services"];
        Assert.Equal(["postgres", "silo1", "silo2", "silo3"], services.Children.Keys.Select(k => k.ToString()).Order());
        Assert.True(Service("postgres").Children.ContainsKey("healthcheck"), "PostgreSQL has a health check the silos wait for");
        var dockerfile = File.ReadAllText(Path.Combine(DockerDirectory, "Dockerfile"));
        Assert.Contains("HEALTHCHECK", dockerfile);
        Assert.Contains("GET /health/ready", dockerfile);
    }

    [Fact]
    public void TheAdminPortListensInsideTheContainerAndIsExposed()
    {
        var lines = File.ReadAllLines(Path.Combine(DockerDirectory, "Dockerfile")).Select(l => l.Trim()).ToList();
        Assert.Contains(lines, l => l.StartsWith("EXPOSE ", StringComparison.Ordinal) && l.Split(' ').Contains("8180"));
        Assert.Contains(lines, l => l.Contains("Admin__BindAddress=0.0.0.0", StringComparison.Ordinal));
        var shared = File.ReadAllLines(Path.Combine(DockerDirectory, "silo.env"));
        Assert.Contains("Admin__Port=8180", shared);
    }

    [Theory]
    [InlineData("silo1", "2181")]
    [InlineData("silo2", "2182")]
    [InlineData("silo3", "2183")]
    public void EverySiloJoinsTheClusterThroughTheConnectionStringAndPublishesOnLoopbackOnly(string silo, string zooKeeperHostPort)
    {
        var service = Service(silo);
        var environment = (YamlMappingNode)service["environment"];
        Assert.Equal(silo, environment["Silo__AdvertisedAddress"].ToString());
        var shared = File.ReadAllLines(Path.Combine(DockerDirectory, service["env_file"].ToString()));
        Assert.Contains(shared, line => line.StartsWith("Coordination__ConnectionString=Host=postgres;", StringComparison.Ordinal));
        var ports = ((YamlSequenceNode)service["ports"]).Children.Select(p => p.ToString()).ToList();
        Assert.All(ports, p => Assert.StartsWith("127.0.0.1:", p));
        Assert.Contains($"127.0.0.1:{zooKeeperHostPort}:2181", ports);
        Assert.Contains(ports, p => p.EndsWith(":8180", StringComparison.Ordinal));
        var healthCheck = string.Join(' ', ((YamlSequenceNode)((YamlMappingNode)service["healthcheck"])["test"]).Children.Select(c => c.ToString()));
        Assert.Contains("127.0.0.1/8180", healthCheck);
        Assert.Contains("GET /health/ready", healthCheck);
        var dependsOn = (YamlMappingNode)service["depends_on"];
        Assert.Equal("service_healthy", ((YamlMappingNode)dependsOn["postgres"])["condition"].ToString());
    }

    [Fact]
    public void BuildContextAndDockerfileExist()
    {
        var build = (YamlMappingNode)Service("silo1")["build"];
        var context = Path.GetFullPath(Path.Combine(DockerDirectory, build["context"].ToString()));
        Assert.Equal(RepositoryPaths.Root.TrimEnd('/'), context.TrimEnd('/'));
        Assert.True(File.Exists(Path.Combine(context, build["dockerfile"].ToString())), "the Dockerfile named by compose.yaml exists");
    }

    [Fact]
    public void EverythingTheDockerfileCopiesExists()
    {
        var copies = File.ReadAllLines(Path.Combine(DockerDirectory, "Dockerfile"))
            .Where(line => line.StartsWith("COPY ", StringComparison.Ordinal) && !line.Contains("--from=", StringComparison.Ordinal))
            .SelectMany(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, source => Assert.True(
            File.Exists(Path.Combine(RepositoryPaths.Root, source)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, source)),
            $"COPY source {source} exists"));
    }
}
