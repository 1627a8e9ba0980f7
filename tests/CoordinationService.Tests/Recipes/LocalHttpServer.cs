using System.Net;
using System.Text;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Recipes;

/// <summary>A plain HTTP server on a free loopback port that answers every request with its own name.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _requests;

    public LocalHttpServer(string name)
    {
        Name = name;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Name { get; }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return; // stopped
            }

            Interlocked.Increment(ref _requests);
            var body = Encoding.UTF8.GetBytes($"{Name} {context.Request.Url?.AbsolutePath}");
            context.Response.ContentType = "text/plain";
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
    }
}
