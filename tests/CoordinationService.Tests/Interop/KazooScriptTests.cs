namespace CoordinationService.Tests.Interop;

/// <summary>
/// kazoo (Debian's python3-kazoo) against one real silo process: each script in tests/interop
/// asserts one area of ZooKeeper behaviour and exits non-zero with a FAIL line when it differs.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class KazooScriptTests(SingleSiloFixture fixture) : IClassFixture<SingleSiloFixture>
{
    [Theory]
    [InlineData("sessions.py", 4)]
    [InlineData("watches.py", 7)]
    [InlineData("transactions.py", 4)]
    [InlineData("recipes.py", 3)]
    [InlineData("acl_auth.py", 5)]
    public async Task KazooScriptPasses(string script, int expectedChecks)
    {
        var result = await InteropTools.RunScriptAsync(script, fixture.Hosts, TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 0, $"{script} against the silo failed: {result}\n--- silo ---\n{Tail(fixture.Silo.Output)}");
        var passed = result.StandardOutput.Split('\n').Count(line => line.StartsWith("OK ", StringComparison.Ordinal));
        Assert.True(passed == expectedChecks, $"{script} reported {passed} OK lines, expected {expectedChecks}: {result}");
    }

    private static string Tail(string output) => string.Join('\n', output.Split('\n').TakeLast(30));
}
