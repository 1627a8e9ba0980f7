using CoordinationService.Client;

namespace CoordinationService.Bench.Workloads;

/// <summary>A <see cref="CoordinationClient"/> session (the .NET client over the Orleans gateway) as a bench session.</summary>
public sealed class OrleansSession(CoordinationClient client) : IBenchSession
{
    public CoordinationClient Client { get; } = client;

    public Task CreateAsync(string path, byte[] data, CancellationToken ct = default) =>
        Client.CreateAsync(path, data, cancellationToken: ct);

    public Task GetDataAsync(string path, CancellationToken ct = default) =>
        Client.GetDataAsync(path, cancellationToken: ct);

    public Task SetDataAsync(string path, byte[] data, CancellationToken ct = default) =>
        Client.SetDataAsync(path, data, cancellationToken: ct);

    public Task DeleteAsync(string path, CancellationToken ct = default) =>
        Client.DeleteAsync(path, cancellationToken: ct);

    public async Task<IReadOnlyList<string>> GetChildrenAsync(string path, CancellationToken ct = default) =>
        (await Client.GetChildrenAsync(path, cancellationToken: ct).ConfigureAwait(false)).Names;
}
