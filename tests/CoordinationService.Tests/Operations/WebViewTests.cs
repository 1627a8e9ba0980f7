using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Tests.Support;
using CoordinationService.Watches;
using Xunit.Abstractions;

namespace CoordinationService.Tests.Operations;

/// <summary>
/// The web view in a real browser: headless Chromium loads the page from a silo process, its scripts
/// fetch the JSON API, and the rendered DOM shows the tree, the leader, the replicas, the sessions
/// with their ephemerals and the watches the test set up. With an admin token the API changes the tree,
/// without the token it refuses.
/// </summary>
[Collection(Cluster.ClusterCollection.Name)]
public sealed class WebViewTests(ITestOutputHelper output)
{
    private const string Token = "web-view-test-token";
    private const string ConfigJson = """{"replicas":3,"name":"demo"}""";
    private static readonly TimeSpan ScriptTime = TimeSpan.FromSeconds(8);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [Fact]
    public async Task BrowserShowsTheTreeSessionsWatchesAndReplicasOfARunningSilo()
    {
        using var directory = new TempDirectory();
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        await using var silo = await SiloProcess.StartAsync(directory.Path, siloPort, gatewayPort, new Dictionary<string, string> { ["Admin__Token"] = Token });
        await using var client = await ExternalClient.ConnectAsync(gatewayPort);
        var session = await RawSession.OpenAsync(client.Client.GetGrain<ICoordinatorGrain>(0), timeoutMs: 60_000);
        var setUp = await session.ExecuteAsync(
            Make.Create("/app"),
            Make.Create("/app/config", """{"replicas":3}"""),
            Make.Set("/app/config", ConfigJson, version: 0),
            Make.Create("/app/worker-1", "busy", CreateMode.Ephemeral),
            new GetDataRequest("/app/config", Watch: true),
            new GetChildrenRequest("/app", Watch: true),
            new AddWatchRequest("/app/config", AddWatchMode.Persistent));
        Assert.All(setUp, r => Assert.Equal(ResultCode.Ok, r.Code));

        await ChangesNeedTheTokenAsync(silo.AdminUri, session);
        var zxid = (await session.RunAsync(new SyncRequest("/"))).Zxid;
        // The change made through the API fired the one-shot child watch like any client's write.
        Assert.Contains(session.Events, e => e.Type == WatchEventType.NodeChildrenChanged && e.Path == "/app");
        var sessionId = $"0x{session.Id.Value:x}";
        // The browser runs take longer than a session timeout on a busy machine: keep the session (and its ephemeral) alive meanwhile.
        using var stopKeepAlive = new CancellationTokenSource();
        var keepAlive = KeepAliveAsync(session, stopKeepAlive.Token);

        var config = new RenderedPage(await HeadlessChromium.DumpDomAsync(new Uri(silo.AdminUri, "#/app/config"), ScriptTime));
        Assert.True(config.Has("data-loaded", "true"), "the page finished loading:\n" + config.Dom);
        Assert.StartsWith($"S127.0.0.1:{siloPort}:", config.TextOf("leader-silo"));
        Assert.Equal(config.TextOf("leader-silo"), config.TextOf("silo"));
        Assert.Equal("standalone", config.TextOf("mode"));
        Assert.Equal("1", config.TextOf("epoch"));
        Assert.Equal($"0x{zxid:x}", config.TextOf("committed-zxid"));
        var replica = config.RowWhere("data-silo", config.TextOf("silo"));
        Assert.Equal($"0x{zxid:x}", replica[2]);
        Assert.Equal("0", replica[3]);
        Assert.Equal("in touch", replica[4]);
        Assert.Equal(ConfigJson, config.TextOf("data"));
        Assert.Equal(["version", "1"], config.RowWhere("id", "stat-version"));
        Assert.Equal(["dataLength", ConfigJson.Length.ToString()], config.RowWhere("id", "stat-datalength"));
        var sessionRow = config.RowWhere("data-session", sessionId);
        Assert.Equal(config.TextOf("silo"), sessionRow[2]);
        Assert.Equal("/app/worker-1", sessionRow[3]);
        var watches = Regex.Matches(config.Dom, "<tr data-path=\"([^\"]*)\">(.*?)</tr>").Select(m => m.Value).ToList();
        Assert.Equal(2, watches.Count);
        Assert.Contains(watches, w => w.Contains($"<td>{sessionId}</td><td>/app/config</td><td>data</td>", StringComparison.Ordinal));
        Assert.Contains(watches, w => w.Contains($"<td>{sessionId}</td><td>/app/config</td><td>persistent</td>", StringComparison.Ordinal));
        Assert.DoesNotContain("<form id=\"changes\" hidden", config.Dom, StringComparison.Ordinal);

        var app = new RenderedPage(await HeadlessChromium.DumpDomAsync(new Uri(silo.AdminUri, "#/app"), ScriptTime));
        Assert.True(app.Has("data-name", "config") && app.Has("data-name", "worker-1"), "/app lists its children:\n" + app.Dom);
        Assert.False(app.Has("data-name", "from-the-web-view"), "the node deleted through the API is gone");
        Assert.Equal("(2)", app.TextOf("child-count"));

        var artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "artifacts")).FullName;
        var screenshot = Path.Combine(artifacts, "web-view.png");
        File.Delete(screenshot);
        await HeadlessChromium.ScreenshotAsync(new Uri(silo.AdminUri, "#/app/config"), ScriptTime, screenshot);
        var png = await File.ReadAllBytesAsync(screenshot);
        Assert.True(png.Length > 10_000 && png.AsSpan(1, 3).SequenceEqual("PNG"u8), $"{screenshot} is a screenshot");
        output.WriteLine($"Screenshot of the web view: {screenshot}");
        Console.WriteLine($"Screenshot of the web view: {screenshot}");
        await stopKeepAlive.CancelAsync();
        await keepAlive;
    }

    private static async Task KeepAliveAsync(RawSession session, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Assert.Equal(SessionStatus.Active, await session.PollAsync(TimeSpan.FromSeconds(1)));
            await Task.Delay(TimeSpan.FromSeconds(1), stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Create, set and delete through the API: refused without the token, done with it, ZooKeeper's rules applied.</summary>
    private static async Task ChangesNeedTheTokenAsync(Uri admin, RawSession session)
    {
        var tree = new Uri(admin, "api/tree");
        var body = """{"path":"/app/from-the-web-view","data":"made in the browser"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, tree, body, token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(HttpMethod.Post, tree, body, token: "wrong")).StatusCode);
        Assert.Equal(ResultCode.NoNode, (await session.RunAsync(new GetDataRequest("/app/from-the-web-view"))).Code);

        var created = await Send(HttpMethod.Post, tree, body, Token);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var read = await session.RunAsync(new GetDataRequest("/app/from-the-web-view"));
        Assert.Equal("made in the browser", Encoding.UTF8.GetString(((DataResult)read.Result!).Data));

        var staleSet = await Send(HttpMethod.Put, tree, """{"path":"/app/from-the-web-view","data":"x","version":7}""", Token);
        Assert.Equal(HttpStatusCode.Conflict, staleSet.StatusCode);
        Assert.Contains("bad_version", await staleSet.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await Send(HttpMethod.Delete, new Uri(admin, "api/tree?path=/app"), null, Token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(HttpMethod.Delete, new Uri(admin, "api/tree?path=/app/from-the-web-view"), null, Token)).StatusCode);
        Assert.Equal(ResultCode.NoNode, (await session.RunAsync(new GetDataRequest("/app/from-the-web-view"))).Code);
    }

    private static Task<HttpResponseMessage> Send(HttpMethod method, Uri uri, string? body, string? token)
    {
        var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return Http.SendAsync(request);
    }
}
