using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Client;

/// <summary>What the lock recipes (<c>CoordinationService.Client.Locks</c>) need from the session beyond its public API.</summary>
public sealed partial class CoordinationClient
{
    internal IGrainFactory Grains => _grains;

    internal TimeProvider Time => _session.Time;

    internal bool IsEnded => _session.IsEnded;

    /// <summary>A zxid the session learnt outside a reply (a lock grant): later requests see at least that state.</summary>
    internal void ObserveZxid(long zxid) => _session.ObserveZxid(zxid);

    internal Task<LockResult> JoinLockAsync(JoinLockRequest request, CancellationToken cancellationToken) =>
        Send(request, null, r => Expect<LockResult>(r, request.Path), cancellationToken);

    internal Task LeaveLockAsync(LeaveLockRequest request, CancellationToken cancellationToken) =>
        Send(request, null, r => ExpectOk(r, request.Path), cancellationToken);
}
