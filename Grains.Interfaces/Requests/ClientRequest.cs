using CoordinationService.Model;

namespace CoordinationService.Requests;

/// <summary>
/// What a client asks for. Paths are carried exactly as the caller sent them: validation happens
/// where ZooKeeper does it (reads of a malformed path answer NoNode; writes check after the parent
/// lookup), so that error codes match ZooKeeper's.
/// </summary>
[GenerateSerializer, Immutable, Alias("cs.ClientRequest")]
public abstract record ClientRequest;

/// <summary>A request that changes state: it goes through the leader and gets a zxid.</summary>
[GenerateSerializer, Immutable, Alias("cs.WriteRequest")]
public abstract record WriteRequest : ClientRequest;

/// <summary>A request served from the local replica.</summary>
[GenerateSerializer, Immutable, Alias("cs.ReadRequest")]
public abstract record ReadRequest : ClientRequest;
