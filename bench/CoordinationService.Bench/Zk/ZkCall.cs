using CoordinationService.Gateway.Protocol;

namespace CoordinationService.Bench.Zk;

/// <summary>What the server answered: the reply header's err and zxid, and the body when the call asked to keep it.</summary>
public readonly record struct ZkReply(int Err, long Zxid, byte[]? Body);

/// <summary>
/// One request on its way: queued by a caller, given its xid and written by the send loop, then matched
/// to its reply by the receive loop. Pings carry no completion: their replies (xid -2) are not awaited.
/// </summary>
public sealed class ZkCall(OpCode op, IJuteRecord? body, bool keepReplyBody, bool awaitsReply)
{
    // Completions run inline on the receive loop: the awaiting worker records its latency and queues its
    // next request without a thread-pool hop, which on 2 shared cores is a measurable share of the work.
    private readonly TaskCompletionSource<ZkReply>? _reply = awaitsReply ? new() : null;

    public OpCode Op { get; } = op;

    public IJuteRecord? Body { get; } = body;

    public bool KeepReplyBody { get; } = keepReplyBody;

    /// <summary>Set by the send loop just before the request is written.</summary>
    public int Xid { get; set; }

    public Task<ZkReply> Reply => _reply?.Task ?? throw new InvalidOperationException("A ping has no reply to await.");

    public bool AwaitsReply => _reply is not null;

    public void Complete(ZkReply reply) => _reply?.TrySetResult(reply);

    public void Fail(Exception error) => _reply?.TrySetException(error);
}
