using CoordinationService.Errors;
using CoordinationService.Model;
using CoordinationService.Results;

namespace CoordinationService.Client;

/// <summary>A multi was refused as a whole; <see cref="Results"/> tells which op failed and why (the others
/// carry Ok or RuntimeInconsistency, as ZooKeeper reports them).</summary>
public sealed class MultiFailedException(ResultCode code, IReadOnlyList<OpReply> results, string? failedPath = null)
    : CoordinationException(code, failedPath, $"Multi failed: {Describe(code, failedPath)}")
{
    public IReadOnlyList<OpReply> Results { get; } = results;

    /// <summary>Index of the op that made the multi fail, or -1 when the server did not say.</summary>
    public int FailedOpIndex => IndexOfFirstError(Results);

    internal static int IndexOfFirstError(IReadOnlyList<OpReply> results)
    {
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Code is not ResultCode.Ok and not ResultCode.RuntimeInconsistency)
            {
                return i;
            }
        }

        return -1;
    }
}
