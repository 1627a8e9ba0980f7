using CoordinationService.Errors;
using CoordinationService.Grains;
using CoordinationService.Model;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Client.Locks;

/// <summary>
/// The one acquisition algorithm behind every lock kind. Join the queue in the session's order (one
/// request: the contender node is created and, when nothing is ahead of it, granted in the same
/// reply); otherwise wait at the lock's grain, which answers when the node's turn comes. A waiter
/// that gives up — timeout, cancellation, any failure — leaves the queue through the session,
/// ordered after its join, so no node stays behind even if the grant raced with the give-up.
/// </summary>
internal sealed class LockAcquirer(CoordinationClient client)
{
    // Each wait at the grain stays well under Orleans' default 30 s response timeout.
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(20);

    public async Task<LockHandle?> TryAcquireAsync(
        string path, LockKind kind, int maxHolders, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A lock timeout is zero or more, or Timeout.InfiniteTimeSpan.");
        }

        var owner = Guid.NewGuid();
        var deadline = LockDeadline.Start(client, timeout);
        var join = new JoinLockRequest(path, owner, kind, maxHolders);
        var leave = new LeaveLockRequest(path, owner);
        LockResult ticket;
        try
        {
            ticket = await JoinAsync(join, deadline, cancellationToken).ConfigureAwait(false);
            while (!ticket.Granted && !deadline.HasPassed)
            {
                var reply = await WaitAsync(path, ticket, maxHolders, deadline, cancellationToken).ConfigureAwait(false);
                ticket = reply.Status switch
                {
                    LockWaitStatus.Granted => ticket with { Granted = true },
                    // Deleted under us (by someone else; an ended session fails the join instead): queue again.
                    LockWaitStatus.Gone => await JoinAsync(join, deadline, cancellationToken).ConfigureAwait(false),
                    _ => ticket,
                };
                client.ObserveZxid(reply.Zxid);
            }
        }
        catch (Exception failure) when (!client.IsEnded)
        {
            try
            {
                await LockLeave.RunAsync(client, leave, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception leaveFailure)
            {
                // Both matter: why the acquisition ended, and that a node of this session may be left.
                throw new AggregateException(failure, leaveFailure);
            }

            throw;
        }

        if (!ticket.Granted)
        {
            await LockLeave.RunAsync(client, leave, CancellationToken.None).ConfigureAwait(false);
            return null;
        }

        return new LockHandle(client, leave, ticket.NodePath, ticket.FencingToken);
    }

    private Task<LockResult> JoinAsync(JoinLockRequest join, LockDeadline deadline, CancellationToken cancellationToken) =>
        LockRetries.RunAsync(LockRetries.UnknownOutcome, deadline, ct => client.JoinLockAsync(join, ct), cancellationToken);

    private Task<LockWaitReply> WaitAsync(
        string path, LockResult ticket, int maxHolders, LockDeadline deadline, CancellationToken cancellationToken)
    {
        var grain = client.Grains.GetGrain<ILockGrain>(path);
        var name = PathValidation.NameOf(ticket.NodePath);
        return LockRetries.RunAsync(
            LockRetries.Transport,
            deadline,
            ct => grain.WaitForGrant(new LockWait(client.SessionId, name, maxHolders, client.LastZxidSeen, deadline.AtMost(LongestWait)), ct),
            cancellationToken);
    }
}
