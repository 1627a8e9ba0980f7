using CoordinationService.Front;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Operations.Api;

/// <summary>
/// POST, PUT and DELETE /api/tree, allowed only with the admin token: create a persistent znode,
/// set its data, delete it. They run as writes of no session with no credentials, through this
/// silo's front door like any client's, so ACLs, versions and the order of writes apply unchanged.
/// </summary>
public sealed class ChangeApi(SessionFrontDoor frontDoor)
{
    public Task<ChangeResult> CreateAsync(NodeChange change) =>
        RunAsync(change.Path, () => new CreateRequest(change.Path, change.Bytes(), AclEntry.OpenUnsafe, CreateMode.Persistent));

    public Task<ChangeResult> SetAsync(NodeChange change) =>
        RunAsync(change.Path, () => new SetDataRequest(change.Path, change.Bytes(), change.Version ?? -1));

    public Task<ChangeResult> DeleteAsync(string path, int? version) =>
        RunAsync(path, () => new DeleteRequest(path, version ?? -1));

    private async Task<ChangeResult> RunAsync(string path, Func<WriteRequest> request)
    {
        if (PathValidation.Validate(path) is { } problem)
        {
            return new ChangeResult(OperationNames.Of(ResultCode.BadArguments), problem, null);
        }

        WriteRequest write;
        try
        {
            write = request();
        }
        catch (FormatException invalid)
        {
            return new ChangeResult(OperationNames.Of(ResultCode.BadArguments), invalid.Message, null);
        }

        var replies = await frontDoor.RunAsync(SessionId.None, 0, [write], []).ConfigureAwait(false);
        var reply = replies[0];
        return new ChangeResult(OperationNames.Of(reply.Code), null, reply.Code == ResultCode.Ok ? ZxidText.Hex(reply.Zxid) : null);
    }
}

/// <param name="Encoding">"text" (UTF-8, the default) or "base64".</param>
/// <param name="Version">Expected version for a set; null or -1 for any.</param>
public sealed record NodeChange(string Path, string? Data, string? Encoding, int? Version)
{
    public byte[] Bytes() => Encoding switch
    {
        null or "" or "text" => System.Text.Encoding.UTF8.GetBytes(Data ?? string.Empty),
        "base64" => Convert.FromBase64String(Data ?? string.Empty),
        _ => throw new FormatException($"Unknown encoding '{Encoding}': use text or base64."),
    };
}

/// <param name="Code">ok or ZooKeeper's error in snake_case (node_exists, bad_version, no_auth, ...).</param>
/// <param name="Zxid">The zxid of the change when it succeeded.</param>
public sealed record ChangeResult(string Code, string? Message, string? Zxid);
