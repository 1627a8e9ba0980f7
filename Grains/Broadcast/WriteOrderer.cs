using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;
using CoordinationService.Sessions;
using CoordinationService.Tree;
using CoordinationService.Txns;

namespace CoordinationService.Broadcast;

/// <summary>
/// The leader's pure core: gives each write the next zxid of its epoch, validates it against the
/// tree (which already holds every write ordered before it, durable or not), records the outcome as
/// a txn and applies it, so the next write is validated against it. Nothing here touches I/O; if
/// the log append of what it ordered fails, the leader discards this object with its activation.
/// </summary>
internal sealed class WriteOrderer(DataTree tree, long epoch, RequestPreparer preparer, SessionExpiryTracker sessions)
{
    private long _counter = tree.LastApplied.Epoch == epoch ? tree.LastApplied.Counter : 0;

    public DataTree Tree => tree;

    public long Epoch => epoch;

    public (TxnRecord Record, OpReply Reply) Order(SessionId session, IReadOnlyList<AuthId> auth, WriteRequest request, long timeMs)
    {
        if (_counter >= 0xFFFF_FFFFL)
        {
            // Zab starts a new epoch when the counter would wrap; the activation does the same by stepping down.
            throw new InvalidOperationException("zxid counter exhausted for this epoch");
        }

        var zxid = Zxid.Create(epoch, ++_counter);
        var prepared = NeedsLiveSession(session, request) && !tree.Sessions.ContainsKey(session.Value)
            ? new PreparedWrite(new ErrorTxn(ResultCode.SessionExpired), OpReply.Error(ResultCode.SessionExpired, zxid.Value))
            : preparer.Prepare(session, auth, request, zxid, timeMs);

        var record = new TxnRecord(zxid, timeMs, session, prepared.Txn);
        tree.Apply(record);
        TrackSessions(record);
        return (record, preparer.Complete(request, prepared, zxid));
    }

    private static bool NeedsLiveSession(SessionId session, WriteRequest request) =>
        session != SessionId.None && request is not CreateSessionRequest;

    private void TrackSessions(TxnRecord record)
    {
        switch (record.Body)
        {
            case CreateSessionTxn created:
                sessions.Touch(created.SessionId, created.TimeoutMs, record.Time);
                break;
            case CloseSessionTxn closed:
                sessions.Remove(closed.SessionId);
                break;
        }
    }
}
