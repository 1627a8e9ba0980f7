using CoordinationService.Model;

namespace CoordinationService.Requests;

[GenerateSerializer, Immutable, Alias("cs.GetDataRequest")]
public sealed record GetDataRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] bool Watch = false) : ReadRequest;

/// <summary>Sets a watch even when the node does not exist (it then fires on NodeCreated).</summary>
[GenerateSerializer, Immutable, Alias("cs.ExistsRequest")]
public sealed record ExistsRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] bool Watch = false) : ReadRequest;

[GenerateSerializer, Immutable, Alias("cs.GetChildrenRequest")]
public sealed record GetChildrenRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] bool Watch = false) : ReadRequest;

[GenerateSerializer, Immutable, Alias("cs.GetAllChildrenNumberRequest")]
public sealed record GetAllChildrenNumberRequest(
    [property: Id(0)] string Path) : ReadRequest;

/// <summary>The session's own ephemerals whose path starts with <paramref name="Prefix"/> (a plain string prefix).</summary>
[GenerateSerializer, Immutable, Alias("cs.GetEphemeralsRequest")]
public sealed record GetEphemeralsRequest(
    [property: Id(0)] string Prefix) : ReadRequest;

[GenerateSerializer, Immutable, Alias("cs.GetAclRequest")]
public sealed record GetAclRequest(
    [property: Id(0)] string Path) : ReadRequest;

/// <summary>Brings the local replica up to the leader's commit point as of this call.</summary>
[GenerateSerializer, Immutable, Alias("cs.SyncRequest")]
public sealed record SyncRequest(
    [property: Id(0)] string Path) : ReadRequest;

[GenerateSerializer, Immutable, Alias("cs.AddWatchRequest")]
public sealed record AddWatchRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] AddWatchMode Mode) : ReadRequest;

[GenerateSerializer, Immutable, Alias("cs.RemoveWatchesRequest")]
public sealed record RemoveWatchesRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] WatcherType Type) : ReadRequest;

/// <summary>Values as ZooKeeper's AddWatchMode.</summary>
public enum AddWatchMode
{
    Persistent = 0,
    PersistentRecursive = 1,
}

/// <summary>Values as ZooKeeper's Watcher.WatcherType.</summary>
public enum WatcherType
{
    Children = 1,
    Data = 2,
    Any = 3,
}

/// <summary>
/// Proves an identity for the rest of the session's attachment (ZooKeeper's addAuthInfo), e.g.
/// scheme "digest" with "user:password". Kept by the silo the session is attached to; a client
/// sends it again after moving to another silo, as ZooKeeper clients do after a reconnect.
/// </summary>
[GenerateSerializer, Immutable, Alias("cs.AddAuthRequest")]
public sealed record AddAuthRequest(
    [property: Id(0)] string Scheme,
    [property: Id(1)] byte[] Auth) : ReadRequest;
