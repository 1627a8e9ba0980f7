using CoordinationService.Errors;
using CoordinationService.Grains;
using CoordinationService.Model;

namespace CoordinationService.Client.Session;

/// <summary>A session the server has just opened or re-attached, and the attachment it is on.</summary>
internal sealed record OpenedSession(Connection Connection, SessionId Id, byte[] Password, int TimeoutMs, long Zxid);

/// <summary>
/// Opens a new session (OpenSession) or resumes a known one (Attach without watches), retrying
/// transport failures on fresh routing keys for up to the session timeout.
/// </summary>
internal static class SessionOpener
{
    public static async Task<OpenedSession> OpenAsync(
        IGrainFactory grains, CoordinationClientOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var pipeline = ReconnectPolicy.Create(
            options,
            time,
            ReconnectPolicy.AttemptTimeout(options.SessionTimeout),
            () => options.SessionTimeout - time.GetElapsedTime(started));
        return await pipeline.ExecuteAsync(
            static async (state, ct) => await AttemptAsync(state.grains, state.options, ct).ConfigureAwait(false),
            (grains, options),
            cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<OpenedSession> AttemptAsync(
        IGrainFactory grains, CoordinationClientOptions options, CancellationToken cancellationToken)
    {
        var connection = Connection.Pick(grains);
        var requestedMs = (int)options.SessionTimeout.TotalMilliseconds;
        if (options.ResumeSession is not { } resume)
        {
            var handshake = await connection.Grain
                .OpenSession(new OpenSessionRequest(requestedMs, connection.Attachment))
                .WaitAsync(cancellationToken).ConfigureAwait(false);
            return new OpenedSession(
                connection, handshake.Session, handshake.Password, Negotiated(handshake.TimeoutMs, requestedMs), handshake.Zxid);
        }

        var reply = await connection.Grain
            .Attach(new AttachRequest(resume.SessionId, resume.Password, resume.LastZxidSeen, [], connection.Attachment))
            .WaitAsync(cancellationToken).ConfigureAwait(false);
        return reply.Code switch
        {
            ResultCode.Ok => new OpenedSession(
                connection,
                resume.SessionId,
                resume.Password,
                Negotiated(reply.TimeoutMs, requestedMs),
                Math.Max(reply.Zxid, resume.LastZxidSeen)),
            ResultCode.SessionExpired => throw new SessionExpiredException(message: $"Session {resume.SessionId} has expired"),
            _ => throw new ConnectionLossException(message: $"Attach answered {reply.Code}"),
        };
    }

    private static int Negotiated(int answered, int requested) => answered > 0 ? answered : requested;
}
