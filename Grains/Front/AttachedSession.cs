using CoordinationService.Grains;
using CoordinationService.Model;

namespace CoordinationService.Front;

/// <summary>A session attached to this silo: its undelivered events and who is waiting for them.</summary>
internal sealed class AttachedSession(long sessionId, Guid attachment, int timeoutMs, long nowMs)
{
    public long SessionId { get; } = sessionId;

    public Guid Attachment { get; } = attachment;

    public int TimeoutMs { get; } = timeoutMs;

    public long LastContactMs { get; set; } = nowMs;

    public bool Ended { get; set; }

    public long NextSeq { get; set; } = 1;

    public List<SessionEvent> Outbox { get; } = [];

    /// <summary>Identities proven on this attachment; only the session's one batch in flight touches it.</summary>
    public List<AuthId> Auth { get; } = [];

    public TaskCompletionSource? Waiter { get; set; }

    public void Wake()
    {
        Waiter?.TrySetResult();
        Waiter = null;
    }
}
