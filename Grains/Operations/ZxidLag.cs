using CoordinationService.Model;

namespace CoordinationService.Operations;

/// <summary>How many txns a replica at one zxid is behind another, the unit operators think in.</summary>
public static class ZxidLag
{
    /// <summary>
    /// Txns from <paramref name="applied"/> up to <paramref name="target"/>; 0 when not behind. Across
    /// epochs the count of the older epoch's remaining txns is unknown here, so the newer epoch's txns
    /// (its marker included) are counted: a lower bound, and never 0 while behind.
    /// </summary>
    public static long Between(Zxid applied, Zxid target)
    {
        if (target <= applied)
        {
            return 0;
        }

        return target.Epoch == applied.Epoch ? target.Counter - applied.Counter : target.Counter + 1;
    }
}
