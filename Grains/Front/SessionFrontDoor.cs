using System.Diagnostics;
using System.Security.Cryptography;
using CoordinationService.Acl;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Operations;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Front;

/// <summary>
/// What every way in (the Orleans front-door grain, the ZooKeeper wire gateway) does with a
/// session on this silo: open or reattach it, run its requests in order, hand out its events.
/// </summary>
public sealed class SessionFrontDoor(Replica replica, SessionHub hub, WriteForwarder forwarder, IGrainFactory grains, CoordinationMetrics metrics)
{
    /// <summary>How long a request waits for this replica to reach a zxid the client has already seen.</summary>
    public static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(30);

    public Replica Replica => replica;

    public SessionHub Hub => hub;

    public async Task<SessionHandshake> OpenAsync(int timeoutMs, Guid attachment)
    {
        var started = Stopwatch.GetTimestamp();
        var replies = await forwarder.SubmitAsync(SessionId.None, [new CreateSessionRequest(timeoutMs)]).ConfigureAwait(false);
        var reply = replies[0];
        metrics.RecordRequest(typeof(CreateSessionRequest), reply.Code, started);
        if (reply.Result is not SessionCreatedResult created)
        {
            throw new InvalidOperationException($"Session creation failed: {reply.Code}");
        }

        hub.Attach(created.Session.Value, attachment, created.TimeoutMs);
        return new SessionHandshake(created.Session, created.Password, created.TimeoutMs, reply.Zxid);
    }

    /// <summary>
    /// Attaches an existing session here. Waits until this replica has reached what the client has
    /// seen, so the session never goes back in time; a wrong password, or a session that is not
    /// (or no longer) live, answers SessionExpired.
    /// </summary>
    public async Task<AttachReply> AttachAsync(AttachRequest request, TimeSpan catchUpTimeout)
    {
        await replica.WaitForAppliedAsync(request.LastZxidSeen).WaitAsync(catchUpTimeout).ConfigureAwait(false);
        var id = request.Session.Value;
        if (!replica.TryGetSession(id, out var session) || !CryptographicOperations.FixedTimeEquals(session.Password, request.Password))
        {
            return new AttachReply(ResultCode.SessionExpired, 0, 0);
        }

        hub.Attach(id, request.Attachment, session.TimeoutMs);
        var auth = hub.AuthOf(id, request.Attachment);
        foreach (var credential in request.Credentials ?? [])
        {
            if (credential.Scheme == "digest" && DigestAuthentication.TryAuthenticate(credential.Auth, out var proven) && !auth.Contains(proven))
            {
                auth.Add(proven);
            }
        }

        replica.AttachWatches(id, request.LastZxidSeen, request.Watches);
        return new AttachReply(ResultCode.Ok, session.TimeoutMs, replica.AppliedZxid);
    }

    /// <summary>
    /// Runs a session's requests in order, after this replica has caught up with what the session
    /// has seen, checked against the identities in <paramref name="auth"/> (which an AddAuthRequest extends).
    /// </summary>
    public async Task<IReadOnlyList<OpReply>> RunAsync(SessionId session, long lastZxidSeen, IReadOnlyList<ClientRequest> requests, List<AuthId> auth)
    {
        var started = Stopwatch.GetTimestamp();
        await replica.WaitForAppliedAsync(lastZxidSeen).WaitAsync(CatchUpTimeout).ConfigureAwait(false);
        var replies = await new BatchExecution(session, auth, replica, forwarder, grains).RunAsync(requests).ConfigureAwait(false);
        metrics.RecordRequests(requests, replies, started);
        return replies;
    }
}
