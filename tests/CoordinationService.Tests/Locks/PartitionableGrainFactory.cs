using CoordinationService.Grains;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace CoordinationService.Tests.Locks;

/// <summary>
/// A client's way to the cluster that the test can cut, as a network partition would: while cut,
/// every call of the session (front door and lock grains) fails as an unreachable silo does, so the
/// client stops keeping its session alive and the server expires it, with the process still running.
/// </summary>
public sealed class PartitionableGrainFactory(IGrainFactory inner) : IGrainFactory
{
    private volatile bool _cut;
    private int _lockWaitReplies;

    /// <summary>Answers this client has had from lock grains: a waiter woken for nothing would show here.</summary>
    public int LockWaitReplies => Volatile.Read(ref _lockWaitReplies);

    public void Cut() => _cut = true;

    public void ThrowIfCut()
    {
        if (_cut)
        {
            throw new ConnectionFailedException("The test cut this client off the cluster.");
        }
    }

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey
    {
        var grain = inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);
        return grain is ICoordinatorGrain coordinator ? (TGrainInterface)(object)new CuttableCoordinator(coordinator, this) : grain;
    }

    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        var grain = inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);
        return grain is ILockGrain lockGrain ? (TGrainInterface)(object)new CuttableLockGrain(lockGrain, this) : grain;
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => inner.GetGrain<TGrainInterface>(primaryKey, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => inner.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => inner.GetGrain<TGrainInterface>(primaryKey, keyExtension, grainClassNamePrefix);

    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => inner.CreateObjectReference<TGrainObserverInterface>(obj);

    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => inner.DeleteObjectReference<TGrainObserverInterface>(obj);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => inner.GetGrain(grainInterfaceType, grainPrimaryKey);

    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) =>
        inner.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) =>
        inner.GetGrain(grainInterfaceType, grainPrimaryKey, keyExtension);

    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => inner.GetGrain<TGrainInterface>(grainId);

    public IAddressable GetGrain(GrainId grainId) => inner.GetGrain(grainId);

    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => inner.GetGrain(grainId, interfaceType);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) =>
        inner.GetGrain(interfaceType, grainKey, grainClassNamePrefix);

    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey) => inner.GetGrain(interfaceType, grainKey);

    private sealed class CuttableCoordinator(ICoordinatorGrain inner, PartitionableGrainFactory link) : ICoordinatorGrain
    {
        public Task<SessionHandshake> OpenSession(OpenSessionRequest request) => Through(() => inner.OpenSession(request));

        public Task<AttachReply> Attach(AttachRequest request) => Through(() => inner.Attach(request));

        public Task<BatchReply> Execute(SessionBatch batch) => Through(() => inner.Execute(batch));

        public Task<EventsReply> Poll(PollRequest request) => Through(() => inner.Poll(request));

        public Task<ReplicaStatus> GetReplicaStatus() => Through(inner.GetReplicaStatus);

        public Task<LiveSessions> ListSessions() => Through(inner.ListSessions);

        private async Task<T> Through<T>(Func<Task<T>> call)
        {
            link.ThrowIfCut();
            var reply = await call();
            // A reply that comes back after the cut is lost on the way, as on a real partition.
            link.ThrowIfCut();
            return reply;
        }
    }

    private sealed class CuttableLockGrain(ILockGrain inner, PartitionableGrainFactory link) : ILockGrain
    {
        public async Task<LockWaitReply> WaitForGrant(LockWait wait, CancellationToken cancellationToken = default)
        {
            link.ThrowIfCut();
            var reply = await inner.WaitForGrant(wait, cancellationToken);
            Interlocked.Increment(ref link._lockWaitReplies);
            link.ThrowIfCut();
            return reply;
        }
    }
}
