using System.Threading.Channels;
using CoordinationService.Client.Recipes;
using CoordinationService.Client.Resilience;
using CoordinationService.Model;
using CoordinationService.Requests;
using Microsoft.Extensions.Configuration;

namespace CoordinationService.Client.Configuration;

/// <summary>
/// Keeps a znode subtree's values as configuration. A background loop reads the whole subtree, then
/// again after every change under it (one persistent recursive watch) and after every reconnect (a
/// persistent watch does not replay what happened while the session was between silos); each read that
/// differs replaces the values, saves them to the cache file and reloads. If the session ends, the loop
/// asks <see cref="CoordinationConfigurationSource.ClientFactory"/> again; the values stay meanwhile.
/// Disposing stops the loop but leaves the watch on the session: removing it would also remove any
/// other watch of that session on the same root (a watch is per path and session).
/// </summary>
public sealed class CoordinationConfigurationProvider : ConfigurationProvider, IDisposable
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);

    private readonly CoordinationConfigurationSource _source;
    private readonly Func<CancellationToken, Task<CoordinationClient>> _clientFactory;
    private readonly ConfigurationCacheFile? _cache;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstLiveRead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private Dictionary<string, string?>? _live;
    private Task? _following;

    public CoordinationConfigurationProvider(CoordinationConfigurationSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _clientFactory = source.ClientFactory
            ?? throw new ArgumentException("CoordinationConfigurationSource.ClientFactory is not set", nameof(source));
        if (PathValidation.Validate(source.RootPath) is { } invalid)
        {
            throw new ArgumentException($"RootPath '{source.RootPath}': {invalid}", nameof(source));
        }

        _source = source;
        _cache = source.CacheFile is { } file ? new ConfigurationCacheFile(file, source.RootPath) : null;
    }

    /// <summary>Where the current values came from.</summary>
    public ConfigurationOrigin Origin { get; private set; } = ConfigurationOrigin.None;

    /// <summary>Completes when the first values have been read from the service.</summary>
    public Task FirstLiveRead => _firstLiveRead.Task;

    /// <summary>The first call starts following the tree; later calls (a root's Reload) keep the values the tree gave.</summary>
    public override void Load()
    {
        lock (_gate)
        {
            if (_following is not null)
            {
                return;
            }

            _following = Task.Run(() => FollowAsync(_stopping.Token));
        }

        if (_source.InitialLoadTimeout > TimeSpan.Zero && _firstLiveRead.Task.Wait(_source.InitialLoadTimeout))
        {
            return;
        }

        lock (_gate)
        {
            if (_live is not null)
            {
                return;
            }

            if (_cache?.TryRead() is { } cached)
            {
                Data = cached;
                Origin = ConfigurationOrigin.Cache;
                return;
            }
        }

        if (_source.InitialLoadTimeout > TimeSpan.Zero && !_source.Optional)
        {
            _stopping.Cancel();
            throw new InvalidOperationException(
                $"Configuration under {_source.RootPath} could not be read within {_source.InitialLoadTimeout.TotalSeconds:0.#} s and "
                + (_cache is null ? "no cache file is set" : $"the cache file {_source.CacheFile} holds none")
                + "; set Optional to start without it.");
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
    }

    public override string ToString() => $"{GetType().Name} ({_source.RootPath}, {Origin})";

    private async Task FollowAsync(CancellationToken stopping)
    {
        var failures = 0;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var client = await _clientFactory(stopping).ConfigureAwait(false);
                await FollowSessionAsync(client, () => failures = 0, stopping).ConfigureAwait(false);
                if (!_source.ReloadOnChange)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _source.OnError?.Invoke(ex);
            }

            // The factory may hand back the same ended session, or fail again: do not spin.
            var pause = TimeSpan.FromMilliseconds(Math.Min(MaxPause.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures++, 10))));
            try
            {
                await Task.Delay(pause, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Follows the tree through one session; returns (ReloadOnChange off) after one read, or throws when the session ends.</summary>
    private async Task FollowSessionAsync(CoordinationClient client, Action readSucceeded, CancellationToken stopping)
    {
        using var session = new SessionEndListener(client);
        var changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        if (_source.ReloadOnChange)
        {
            session.Reconnected += () => changed.Writer.TryWrite(true);
            // Before the first read, so no change can fall between the read and the watch.
            await client.AddWatchAsync(_source.RootPath, AddWatchMode.PersistentRecursive, _ => changed.Writer.TryWrite(true), stopping)
                .ConfigureAwait(false);
        }

        while (true)
        {
            try
            {
                Apply(await ConfigurationTreeReader.ReadAsync(client, _source.RootPath, stopping).ConfigureAwait(false));
                readSucceeded();
            }
            catch (Exception ex) when (CoordinationRetry.IsTransient(ex))
            {
                // Slow or unreachable for a while: keep the values, read again shortly.
                _source.OnError?.Invoke(ex);
                changed.Writer.TryWrite(true);
                await Task.Delay(TimeSpan.FromMilliseconds(500), stopping).ConfigureAwait(false);
            }

            if (!_source.ReloadOnChange)
            {
                return;
            }

            await session.OrEndAsync(changed.Reader.ReadAsync(stopping).AsTask(), stopping).ConfigureAwait(false);
        }
    }

    private void Apply(Dictionary<string, string?> values)
    {
        bool changed;
        bool first;
        lock (_gate)
        {
            first = _live is null;
            changed = !SameAs(first ? Data : _live!, values);
            _live = values;
            if (changed)
            {
                Data = values;
            }

            Origin = ConfigurationOrigin.Service;
        }

        if (changed || first)
        {
            SaveToCache(values);
        }

        if (changed)
        {
            OnReload();
        }

        _firstLiveRead.TrySetResult();
    }

    private void SaveToCache(Dictionary<string, string?> values)
    {
        try
        {
            _cache?.Save(values);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _source.OnError?.Invoke(ex);
        }
    }

    private static bool SameAs(IDictionary<string, string?> current, Dictionary<string, string?> next) =>
        current.Count == next.Count && next.All(p => current.TryGetValue(p.Key, out var value) && value == p.Value);
}

/// <summary>Where a <see cref="CoordinationConfigurationProvider"/>'s values came from.</summary>
public enum ConfigurationOrigin
{
    /// <summary>No values yet.</summary>
    None = 0,

    /// <summary>The cache file: the service has not answered since the start.</summary>
    Cache = 1,

    /// <summary>The service.</summary>
    Service = 2,
}
