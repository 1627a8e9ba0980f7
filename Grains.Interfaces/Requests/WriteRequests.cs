using CoordinationService.Model;

namespace CoordinationService.Requests;

/// <param name="Ttl">Milliseconds, only for TTL modes.</param>
[GenerateSerializer, Immutable, Alias("cs.CreateRequest")]
public sealed record CreateRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] byte[] Data,
    [property: Id(2)] IReadOnlyList<AclEntry> Acl,
    [property: Id(3)] CreateMode Mode,
    [property: Id(4)] long Ttl = 0) : WriteRequest;

/// <param name="Version">-1 matches any version.</param>
[GenerateSerializer, Immutable, Alias("cs.DeleteRequest")]
public sealed record DeleteRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] int Version = -1) : WriteRequest;

[GenerateSerializer, Immutable, Alias("cs.SetDataRequest")]
public sealed record SetDataRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] byte[] Data,
    [property: Id(2)] int Version = -1) : WriteRequest;

[GenerateSerializer, Immutable, Alias("cs.SetAclRequest")]
public sealed record SetAclRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] IReadOnlyList<AclEntry> Acl,
    [property: Id(2)] int Version = -1) : WriteRequest;

/// <summary>Only meaningful inside a multi: fails it unless the node has this version.</summary>
[GenerateSerializer, Immutable, Alias("cs.CheckVersionRequest")]
public sealed record CheckVersionRequest(
    [property: Id(0)] string Path,
    [property: Id(1)] int Version) : WriteRequest;

/// <summary>All or nothing: create, delete, setData and check ops, applied under one zxid.</summary>
[GenerateSerializer, Immutable, Alias("cs.MultiRequest")]
public sealed record MultiRequest(
    [property: Id(0)] IReadOnlyList<WriteRequest> Ops) : WriteRequest;

/// <summary>Opens a session; the leader negotiates the timeout and chooses id and password.</summary>
[GenerateSerializer, Immutable, Alias("cs.CreateSessionRequest")]
public sealed record CreateSessionRequest(
    [property: Id(0)] int TimeoutMs) : WriteRequest;

/// <summary>Closes the submitting session; its ephemerals go in the same txn.</summary>
[GenerateSerializer, Immutable, Alias("cs.CloseSessionRequest")]
public sealed record CloseSessionRequest : WriteRequest;
