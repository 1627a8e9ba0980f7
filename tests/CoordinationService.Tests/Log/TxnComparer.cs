using CoordinationService.Txns;

namespace CoordinationService.Tests.Log;

/// <summary>
/// Structural equality for txns: the contract records hold arrays and lists, which records
/// compare by reference, so a decoded txn never equals its original with ==.
/// </summary>
internal static class TxnComparer
{
    public static void AssertEqual(TxnRecord expected, TxnRecord actual)
    {
        Assert.Equal(expected.Zxid, actual.Zxid);
        Assert.Equal(expected.Time, actual.Time);
        Assert.Equal(expected.Session, actual.Session);
        AssertEqual(expected.Body, actual.Body);
    }

    public static void AssertEqual(Txn expected, Txn actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected, actual)
        {
            case (CreateTxn e, CreateTxn a):
                Assert.Equal(e.Data, a.Data);
                Assert.Equal(e.Acl, a.Acl);
                Assert.Equal(e with { Data = a.Data, Acl = a.Acl }, a);
                break;
            case (SetDataTxn e, SetDataTxn a):
                Assert.Equal(e.Data, a.Data);
                Assert.Equal(e with { Data = a.Data }, a);
                break;
            case (SetAclTxn e, SetAclTxn a):
                Assert.Equal(e.Acl, a.Acl);
                Assert.Equal(e with { Acl = a.Acl }, a);
                break;
            case (MultiTxn e, MultiTxn a):
                Assert.Equal(e.Txns.Count, a.Txns.Count);
                for (var i = 0; i < e.Txns.Count; i++)
                {
                    AssertEqual(e.Txns[i], a.Txns[i]);
                }

                break;
            case (CreateSessionTxn e, CreateSessionTxn a):
                Assert.Equal(e.Password, a.Password);
                Assert.Equal(e with { Password = a.Password }, a);
                break;
            case (CloseSessionTxn e, CloseSessionTxn a):
                Assert.Equal(e.EphemeralPaths, a.EphemeralPaths);
                Assert.Equal(e with { EphemeralPaths = a.EphemeralPaths }, a);
                break;
            default:
                Assert.Equal(expected, actual);
                break;
        }
    }
}
