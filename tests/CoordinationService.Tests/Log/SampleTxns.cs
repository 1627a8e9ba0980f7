using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

internal static class SampleTxns
{
    private static readonly AclEntry[] DigestAcl =
    [
        new(Permissions.Read | Permissions.Admin, "digest", "bob:X/NSthOB0fD/OT6iilJ55WJVado="),
        AclEntry.WorldAnyoneAll,
    ];

    /// <summary>One of every txn kind, with the awkward values: empty data, non-ASCII paths, nesting.</summary>
    public static IReadOnlyList<Txn> EveryKind()
    {
        Txn create = new CreateTxn("/app/lock-0000000007", [1, 2, 3, 0, 255], DigestAcl, NodeKind.Ephemeral, 0x1234_5678_9abc, 0, 42);
        Txn multi = new MultiTxn(
        [
            new CheckTxn("/config"),
            create,
            new SetDataTxn("/config", [], 3),
            new MultiTxn([new DeleteTxn("/old"), new MultiTxn([])]),
        ]);
        return
        [
            create,
            new CreateTxn("/ttl/ünïcødé-节点", [], [], NodeKind.Ttl, 0, 60_000, -1),
            new DeleteTxn("/app/lock-0000000007"),
            new SetDataTxn("/config", new byte[70_000], int.MaxValue),
            new SetAclTxn("/secure", DigestAcl, 2),
            new CheckTxn("/"),
            multi,
            new MultiTxn([]),
            new ErrorTxn(ResultCode.BadVersion),
            new CreateSessionTxn(long.MinValue, 30_000, [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6]),
            new CloseSessionTxn(77, ["/a/e1", "/b/e2"], Expired: true),
            new CloseSessionTxn(78, [], Expired: false),
            new EpochTxn(5),
        ];
    }

    /// <summary>Small distinct writes, the shape of a leader's ordinary batch.</summary>
    public static IReadOnlyList<TxnRecord> Writes(Zxid after, int count)
    {
        var records = new TxnRecord[count];
        var zxid = after;
        for (var i = 0; i < count; i++)
        {
            zxid = zxid.Next();
            records[i] = new TxnRecord(zxid, 1_700_000_000_000 + zxid.Value, new SessionId(i % 3), new SetDataTxn($"/n{i % 7}", BitConverter.GetBytes(zxid.Value), i));
        }

        return records;
    }
}
