using CoordinationService.Model;

namespace CoordinationService.Grains;

/// <summary>One live session as the replicated session table holds it.</summary>
[GenerateSerializer, Immutable, Alias("cs.LiveSession")]
public sealed record LiveSession(
    [property: Id(0)] SessionId Id,
    [property: Id(1)] int TimeoutMs,
    [property: Id(2)] IReadOnlyList<string> Ephemerals);

/// <summary>Every live session a silo's replica knows of at <see cref="Zxid"/>: the same list on every silo at the same zxid.</summary>
[GenerateSerializer, Immutable, Alias("cs.LiveSessions")]
public sealed record LiveSessions(
    [property: Id(0)] string Silo,
    [property: Id(1)] long Zxid,
    [property: Id(2)] IReadOnlyList<LiveSession> Sessions);
