using CoordinationService.Tests.Interop;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Operations;

/// <summary>
/// Debian's Chromium, headless, loading a page the way a user's browser does (scripts run, fetches go
/// to the silo) and handing back the DOM after the scripts ran, or a screenshot. A fresh profile per
/// run, and no background networking: this machine's network is closed.
/// </summary>
internal static class HeadlessChromium
{
    public const string Executable = "/usr/bin/chromium";

    private static readonly TimeSpan RunLimit = TimeSpan.FromSeconds(120);

    /// <summary>The serialised DOM once the page's scripts had <paramref name="scriptTime"/> of (virtual) time.</summary>
    public static async Task<string> DumpDomAsync(Uri page, TimeSpan scriptTime)
    {
        var result = await RunAsync(page, scriptTime, "--dump-dom");
        Assert.True(result.ExitCode == 0 && result.StandardOutput.Contains("</html>", StringComparison.Ordinal), $"chromium --dump-dom failed: {result}");
        return result.StandardOutput;
    }

    public static async Task ScreenshotAsync(Uri page, TimeSpan scriptTime, string file)
    {
        var result = await RunAsync(page, scriptTime, $"--screenshot={file}", "--window-size=1400,1800");
        Assert.True(result.ExitCode == 0 && File.Exists(file), $"chromium --screenshot failed: {result}");
    }

    private static async Task<ToolResult> RunAsync(Uri page, TimeSpan scriptTime, params string[] output)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install the Debian package chromium (README's test command does)");
        using var profile = new TempDirectory();
        string[] arguments =
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            $"--user-data-dir={profile.Path}",
            $"--virtual-time-budget={(int)scriptTime.TotalMilliseconds}",
            .. output,
            page.ToString(),
        ];
        return await ToolProcess.RunAsync(Executable, arguments, RunLimit);
    }
}
