namespace CoordinationService.Tree;

/// <summary>A live session as the tree knows it: created and ended only by txns, so every replica agrees.</summary>
public sealed record SessionRecord(long SessionId, int TimeoutMs, byte[] Password);
