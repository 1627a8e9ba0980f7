using System.Globalization;
using System.Text;
using CoordinationService.Front;
using CoordinationService.Model;
using CoordinationService.Replicas;
using CoordinationService.Requests;
using CoordinationService.Results;

namespace CoordinationService.Locks;

/// <summary>
/// Runs a session's lock requests on the silo it is attached to, inside its ordered batch: the
/// contender node is created and deleted as the session's own writes (its ephemeral, checked
/// against its identities), and whether it holds is read from this silo's replica right after the
/// create was applied here — the lock state is a fact of the ordered tree at that zxid.
/// </summary>
internal sealed class SessionLockOperations(SessionId session, IReadOnlyList<AuthId> auth, Replica replica, WriteForwarder forwarder)
{
    // A container lock path reaped between our ensuring it and our create costs another round; a few suffice.
    private const int CreateAttempts = 3;

    public Task<OpReply> RunAsync(LockRequest request)
    {
        if (request.Path == "/" || PathValidation.Validate(request.Path) is not null)
        {
            return Task.FromResult(OpReply.Error(ResultCode.BadArguments, replica.AppliedZxid));
        }

        return request switch
        {
            JoinLockRequest join => JoinAsync(join),
            LeaveLockRequest leave => LeaveAsync(leave),
            _ => Task.FromResult(OpReply.Error(ResultCode.Unimplemented, replica.AppliedZxid)),
        };
    }

    private async Task<OpReply> JoinAsync(JoinLockRequest join)
    {
        if (!Enum.IsDefined(join.Kind) || join.MaxHolders < 1)
        {
            return OpReply.Error(ResultCode.BadArguments, replica.AppliedZxid);
        }

        var queue = ReadQueue(join.Path);
        if (join.Kind == LockKind.Semaphore && !AgreesOnHolders(queue, join.MaxHolders))
        {
            return OpReply.Error(ResultCode.BadArguments, queue.Zxid);
        }

        var owned = queue.OwnedBy(join.Owner, session.Value);
        if (owned.Count == 0)
        {
            var created = await CreateContenderAsync(join).ConfigureAwait(false);
            if (!created.IsOk)
            {
                return created;
            }

            // The forwarder answered after this replica applied the create: the node is in this read.
            queue = ReadQueue(join.Path);
            owned = queue.OwnedBy(join.Owner, session.Value);
            if (owned.Count == 0)
            {
                // Gone already: the session ended, or someone deleted the node.
                return OpReply.Error(ResultCode.NoNode, queue.Zxid);
            }
        }

        if (owned.Count > 1)
        {
            // A resent join that did not see its first create (applied late) made a second node: keep the first.
            await DeleteAsync(join.Path, owned.Skip(1)).ConfigureAwait(false);
        }

        var own = owned[0];
        var granted = queue.IsGranted(queue.IndexOf(own.Name), join.MaxHolders);
        return new OpReply(ResultCode.Ok, new LockResult(PathValidation.Combine(join.Path, own.Name), own.Czxid, granted), queue.Zxid);
    }

    private async Task<OpReply> LeaveAsync(LeaveLockRequest leave)
    {
        var queue = ReadQueue(leave.Path);
        var owned = queue.OwnedBy(leave.Owner, session.Value);
        if (owned.Count == 0)
        {
            return new OpReply(ResultCode.Ok, EmptyResult.Instance, queue.Zxid);
        }

        var replies = await DeleteAsync(leave.Path, owned).ConfigureAwait(false);
        var failed = replies.FirstOrDefault(r => !r.IsOk && r.Code != ResultCode.NoNode);
        return failed ?? new OpReply(ResultCode.Ok, EmptyResult.Instance, replies.Max(r => r.Zxid));
    }

    private LockQueue ReadQueue(string path) => replica.Inspect(tree => LockQueue.Read(tree, path));

    private async Task<OpReply> CreateContenderAsync(JoinLockRequest join)
    {
        var node = new CreateRequest(
            PathValidation.Combine(join.Path, LockNodeNames.Prefix(join.Owner, join.Kind)), [], AclEntry.OpenUnsafe, CreateMode.EphemeralSequential);
        OpReply created = OpReply.Error(ResultCode.NoNode, replica.AppliedZxid);
        for (var attempt = 0; attempt < CreateAttempts && created.Code == ResultCode.NoNode; attempt++)
        {
            if (attempt > 0)
            {
                var ensured = await EnsurePathAsync(join).ConfigureAwait(false);
                if (ensured is { } failure)
                {
                    return failure;
                }
            }

            created = (await forwarder.SubmitAsync(session, [node], auth).ConfigureAwait(false))[0];
        }

        return created;
    }

    /// <summary>
    /// Creates the lock path and its missing ancestors as containers, so the lock space disappears
    /// once unused (as Curator's parents); a semaphore's path carries its holder count, as kazoo's.
    /// </summary>
    private async Task<OpReply?> EnsurePathAsync(JoinLockRequest join)
    {
        var missing = replica.Inspect(tree =>
        {
            var paths = new List<string>();
            for (var path = join.Path; path != "/" && !tree.TryGetNode(path, out _); path = PathValidation.ParentOf(path))
            {
                paths.Add(path);
            }

            paths.Reverse();
            return paths;
        });
        if (missing.Count == 0)
        {
            return null;
        }

        var creates = missing.Select(path => (WriteRequest)new CreateRequest(
            path,
            path == join.Path && join.Kind == LockKind.Semaphore ? Encoding.UTF8.GetBytes(join.MaxHolders.ToString(CultureInfo.InvariantCulture)) : [],
            AclEntry.OpenUnsafe,
            CreateMode.Container)).ToList();
        var replies = await forwarder.SubmitAsync(session, creates, auth).ConfigureAwait(false);
        return replies.FirstOrDefault(r => !r.IsOk && r.Code != ResultCode.NodeExists);
    }

    /// <summary>As kazoo's semaphore: a number in the path's data must be the holder count asked for.</summary>
    private static bool AgreesOnHolders(LockQueue queue, int maxHolders) =>
        queue.LockData is not { Length: > 0 } data
        || !int.TryParse(Encoding.UTF8.GetString(data), NumberStyles.Integer, CultureInfo.InvariantCulture, out var stored)
        || stored == maxHolders;

    private Task<IReadOnlyList<OpReply>> DeleteAsync(string lockPath, IEnumerable<LockContender> nodes) =>
        forwarder.SubmitAsync(session, [.. nodes.Select(n => (WriteRequest)new DeleteRequest(PathValidation.Combine(lockPath, n.Name)))], auth);
}
