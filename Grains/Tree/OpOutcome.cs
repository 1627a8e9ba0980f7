using CoordinationService.Model;
using CoordinationService.Results;
using CoordinationService.Txns;

namespace CoordinationService.Tree;

/// <summary>One op prepared: its txn and result, or the code it failed with.</summary>
internal readonly record struct OpOutcome(Txn? Txn, OpResult? Result, ResultCode Code)
{
    public bool IsOk => Code == ResultCode.Ok;

    public static OpOutcome Ok(Txn txn, OpResult result) => new(txn, result, ResultCode.Ok);

    public static OpOutcome Fail(ResultCode code) => new(null, null, code);
}
