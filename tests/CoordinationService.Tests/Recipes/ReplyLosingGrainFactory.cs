using System.Reflection;
using CoordinationService.Grains;
using CoordinationService.Requests;

namespace CoordinationService.Tests.Recipes;

/// <summary>
/// A silo's real grain factory whose coordinator references lose chosen replies: the batch runs on the
/// real silo (the write is committed), then the caller sees a transport timeout, as when a connection
/// drops after the request went out. That is the one failure a retry cannot see through by itself.
/// </summary>
internal sealed class ReplyLosingGrainFactory
{
    private readonly Lock _lock = new();
    private Func<ClientRequest, bool>? _loseNextReplyTo;
    private int _lostReplies;
    private readonly List<ClientRequest> _sent = [];

    public ReplyLosingGrainFactory(IGrainFactory real)
    {
        var factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
        ((FactoryProxy)(object)factory).Init(real, this);
        Grains = factory;
    }

    /// <summary>Hand this to <c>CoordinationClient.ConnectAsync</c>.</summary>
    public IGrainFactory Grains { get; }

    public int LostReplies => Volatile.Read(ref _lostReplies);

    /// <summary>Every request that reached the silo through this factory.</summary>
    public IReadOnlyList<ClientRequest> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>The next batch holding a request that matches runs, and its reply is lost.</summary>
    public void LoseNextReplyTo(Func<ClientRequest, bool> match)
    {
        lock (_lock)
        {
            _loseNextReplyTo = match;
        }
    }

    private async Task<BatchReply> ExecuteAsync(ICoordinatorGrain real, SessionBatch batch)
    {
        bool lose;
        lock (_lock)
        {
            _sent.AddRange(batch.Requests);
            lose = _loseNextReplyTo is { } match && batch.Requests.Any(match);
            if (lose)
            {
                _loseNextReplyTo = null;
            }
        }

        var reply = await real.Execute(batch);
        if (lose)
        {
            Interlocked.Increment(ref _lostReplies);
            throw new TimeoutException("The reply was lost on its way back (simulated)");
        }

        return reply;
    }

    public class FactoryProxy : DispatchProxy
    {
        private IGrainFactory _real = null!;
        private ReplyLosingGrainFactory _owner = null!;

        internal void Init(IGrainFactory real, ReplyLosingGrainFactory owner)
        {
            _real = real;
            _owner = owner;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            var result = Unwrap(() => targetMethod!.Invoke(_real, args));
            if (result is ICoordinatorGrain coordinator)
            {
                var proxy = Create<ICoordinatorGrain, CoordinatorProxy>();
                ((CoordinatorProxy)(object)proxy).Init(coordinator, _owner);
                return proxy;
            }

            return result;
        }
    }

    public class CoordinatorProxy : DispatchProxy
    {
        private ICoordinatorGrain _real = null!;
        private ReplyLosingGrainFactory _owner = null!;

        internal void Init(ICoordinatorGrain real, ReplyLosingGrainFactory owner)
        {
            _real = real;
            _owner = owner;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(ICoordinatorGrain.Execute)
                ? _owner.ExecuteAsync(_real, (SessionBatch)args![0]!)
                : Unwrap(() => targetMethod.Invoke(_real, args));
    }

    private static object? Unwrap(Func<object?> call)
    {
        try
        {
            return call();
        }
        catch (TargetInvocationException ex) when (ex.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException);
            throw;
        }
    }
}
