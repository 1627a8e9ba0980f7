namespace CoordinationService.Requests;

/// <summary>The leader's own write: ends a session it has not heard from within its timeout.</summary>
[GenerateSerializer, Immutable, Alias("cs.ExpireSessionRequest")]
public sealed record ExpireSessionRequest(
    [property: Id(0)] long SessionId) : WriteRequest;

/// <summary>The leader's own write: removes an empty container or an expired TTL node, if it still qualifies when ordered.</summary>
[GenerateSerializer, Immutable, Alias("cs.ReapNodeRequest")]
public sealed record ReapNodeRequest(
    [property: Id(0)] string Path) : WriteRequest;
