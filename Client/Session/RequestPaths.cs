using CoordinationService.Requests;

namespace CoordinationService.Client.Session;

internal static class RequestPaths
{
    /// <summary>The path an error about <paramref name="request"/> names, as ZooKeeper's exceptions do.</summary>
    public static string? Of(ClientRequest request) => request switch
    {
        CreateRequest r => r.Path,
        DeleteRequest r => r.Path,
        SetDataRequest r => r.Path,
        SetAclRequest r => r.Path,
        CheckVersionRequest r => r.Path,
        GetDataRequest r => r.Path,
        ExistsRequest r => r.Path,
        GetChildrenRequest r => r.Path,
        GetAllChildrenNumberRequest r => r.Path,
        GetEphemeralsRequest r => r.Prefix,
        GetAclRequest r => r.Path,
        SyncRequest r => r.Path,
        AddWatchRequest r => r.Path,
        RemoveWatchesRequest r => r.Path,
        LockRequest r => r.Path,
        _ => null,
    };
}
