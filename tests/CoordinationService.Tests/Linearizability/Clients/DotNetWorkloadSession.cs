using CoordinationService.Client;
using CoordinationService.Errors;
using CoordinationService.Model;

namespace CoordinationService.Tests.Linearizability.Clients;

/// <summary>A session of the project's .NET client; the reply zxid is not exposed by it, so replies carry 0.</summary>
public sealed class DotNetWorkloadSession(CoordinationClient client) : IWorkloadSession
{
    public string Client => "dotnet";

    public long SessionId => client.SessionId.Value;

    public long LastZxidSeen => client.LastZxidSeen;

    public bool IsEnded => client.State is SessionState.Expired or SessionState.Closed;

    public static async Task<DotNetWorkloadSession> OpenAsync(IGrainFactory grains, TimeSpan sessionTimeout, TimeSpan requestTimeout, CancellationToken cancellationToken)
    {
        var client = await CoordinationClient.ConnectAsync(
            grains,
            new CoordinationClientOptions { SessionTimeout = sessionTimeout, RequestTimeout = requestTimeout },
            cancellationToken);
        return new DotNetWorkloadSession(client);
    }

    public Task<Reply<NodeValue>> GetDataAsync(string path, CancellationToken cancellationToken) =>
        Call(async () => { var d = await client.GetDataAsync(path, cancellationToken: cancellationToken); return new NodeValue(d.Data, d.Stat); });

    public Task<Reply<Stat>> SetDataAsync(string path, byte[] data, int version, CancellationToken cancellationToken) =>
        Call(() => client.SetDataAsync(path, data, version, cancellationToken));

    public Task<Reply<CreatedNode>> CreateAsync(string path, byte[] data, CreateMode mode, CancellationToken cancellationToken) =>
        Call(async () => { var c = await client.CreateWithStatAsync(path, data, mode, cancellationToken: cancellationToken); return new CreatedNode(c.Path, c.Stat); });

    public Task<Reply<ChildList>> GetChildrenAsync(string path, CancellationToken cancellationToken) =>
        Call(async () => { var c = await client.GetChildrenAsync(path, cancellationToken: cancellationToken); return new ChildList(c.Names, c.Stat); });

    public Task<Reply<bool>> SyncAsync(string path, CancellationToken cancellationToken) =>
        Call(async () => { await client.SyncAsync(path, cancellationToken); return true; });

    public Task<Reply<bool>> DeleteAsync(string path, int version, CancellationToken cancellationToken) =>
        Call(async () => { await client.DeleteAsync(path, version, cancellationToken); return true; });

    public Task<Reply<Stat?>> ExistsAsync(string path, TaskCompletionSource? changed, CancellationToken cancellationToken) =>
        Call(() => client.ExistsAsync(path, changed is null ? null : _ => changed.TrySetResult(), cancellationToken));

    public Task CloseAsync() => client.CloseAsync();

    public ValueTask DisposeAsync() => client.DisposeAsync();

    /// <summary>
    /// A typed error is the server's (or the client's) ZooKeeper code. Any other exception says nothing
    /// about whether the request took effect (a timeout, a lost gateway, a server fault that reached
    /// the caller as an exception Orleans could not even serialize): its outcome is unknown.
    /// </summary>
    private static async Task<Reply<T>> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return new Reply<T>(ResultCode.Ok, await call(), 0);
        }
        catch (CoordinationException e)
        {
            return new Reply<T>(e.Code, default, 0);
        }
        catch (Exception e) when (e is not CoordinationException)
        {
            return new Reply<T>(ResultCode.ConnectionLoss, default, 0);
        }
    }
}
