using CoordinationService.Model;

namespace CoordinationService.Replicas;

/// <summary>
/// The rule that makes "no gaps" checkable: within an epoch counters are consecutive; a new epoch
/// begins with its marker at counter 0.
/// </summary>
public static class ZxidSequence
{
    public static bool Follows(Zxid previous, Zxid next) =>
        next.Epoch == previous.Epoch
            ? next.Counter == previous.Counter + 1
            : next.Epoch > previous.Epoch && next.Counter == 0;
}
