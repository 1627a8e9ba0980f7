using CoordinationService.Model;

namespace CoordinationService.Client;

/// <summary>What a client needs to re-attach to a session it (or another process) opened before.</summary>
public sealed record SessionResumeInfo(SessionId SessionId, byte[] Password, long LastZxidSeen);
