using CoordinationService.Results;
using CoordinationService.Txns;

namespace CoordinationService.Tree;

/// <summary>
/// A request turned into the txn to log: a state change, or an <see cref="ErrorTxn"/> with the
/// failure reply. The success result is computed here, at prepare time, from the same state the
/// txn is applied to, so completing it later is right even if more txns were applied since.
/// </summary>
public readonly record struct PreparedWrite(Txn Txn, OpReply? Failure)
{
    internal OpResult? Result { get; init; }
}
