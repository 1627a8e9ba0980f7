using System.Runtime.CompilerServices;
using System.Text;
using CoordinationService.Client.Recipes;
using CoordinationService.Client.Resilience;
using CoordinationService.Errors;
using CoordinationService.Model;
using CoordinationService.Results;
using Polly;

namespace CoordinationService.Client.Election;

/// <summary>
/// Leader election over one znode, as kazoo's Election and Curator's LeaderSelector: each contender
/// adds an ephemeral-sequential node, the lowest is leader, every other one watches only the node just
/// before its own (a leader's departure wakes one contender, not all). Node names follow kazoo's, so
/// kazoo contenders on the same path queue with ours.
/// </summary>
public sealed class LeaderElection
{
    private readonly CoordinationClient _client;
    private readonly LeaderElectionOptions _options;
    private readonly ResiliencePipeline _retry;

    public LeaderElection(CoordinationClient client, string path, LeaderElectionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var invalid = path == "/" ? "the root cannot be one" : PathValidation.Validate(path);
        if (invalid is not null)
        {
            throw new ArgumentException($"'{path}' is not an election path: {invalid}", nameof(path));
        }

        _client = client;
        Path = path;
        _options = options ?? new LeaderElectionOptions();
        _retry = _options.Retry ?? CoordinationRetry.Default;
    }

    public string Path { get; }

    /// <summary>Joins the election and returns once this contender leads. Cancelling leaves the election (the node is removed).</summary>
    public async Task<Leadership> CampaignAsync(CancellationToken cancellationToken = default)
    {
        await _client.EnsurePathAsync(Path, _retry, cancellationToken).ConfigureAwait(false);
        var marker = ContenderNodes.NewMarker();
        var data = Encoding.UTF8.GetBytes(_options.Identifier);
        using var session = new SessionEndListener(_client);
        CreateResult? mine = null;
        try
        {
            while (true)
            {
                mine ??= await ProtectedCreate.RunAsync(
                    _client, Path, marker, marker, data, CreateMode.EphemeralSequential, null, null, _retry, cancellationToken).ConfigureAwait(false);
                var contenders = await ContendersAsync(cancellationToken).ConfigureAwait(false);
                var position = IndexOf(contenders, ZNodePaths.Split(mine.Path).Name);
                if (position < 0)
                {
                    // Someone deleted our node while the session lives: join again, as kazoo does.
                    mine = null;
                    continue;
                }

                if (position == 0)
                {
                    return await LeadAsync(mine, cancellationToken).ConfigureAwait(false);
                }

                var predecessor = new WatchSignal();
                if (await _client.ExistsAsync(ZNodePaths.Join(Path, contenders[position - 1]), predecessor.Watcher, cancellationToken).ConfigureAwait(false) is null)
                {
                    continue;
                }

                await session.OrEndAsync(predecessor.Fired, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception) when (mine is not null)
        {
            await LeaveAsync(mine.Path).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The current leader, or null when nobody campaigns.</summary>
    public async Task<LeaderInfo?> GetLeaderAsync(CancellationToken cancellationToken = default) =>
        await ReadLeaderAsync(watcher: null, cancellationToken).ConfigureAwait(false);

    /// <summary>Every contender's identifier, the leader first (kazoo's <c>contenders()</c>).</summary>
    public async Task<IReadOnlyList<string>> GetContendersAsync(CancellationToken cancellationToken = default)
    {
        var identifiers = new List<string>();
        foreach (var name in await ContendersAsync(cancellationToken).ConfigureAwait(false))
        {
            try
            {
                var node = await _client.GetDataAsync(ZNodePaths.Join(Path, name), cancellationToken: cancellationToken).ConfigureAwait(false);
                identifiers.Add(Encoding.UTF8.GetString(node.Data));
            }
            catch (NoNodeException)
            {
                // Left between the listing and the read.
            }
        }

        return identifiers;
    }

    /// <summary>The current leader (null: none), then every change of leader, until cancelled. Ends with
    /// <see cref="SessionExpiredException"/> if the session ends.</summary>
    public async IAsyncEnumerable<LeaderInfo?> ObserveAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var session = new SessionEndListener(_client);
        LeaderInfo? last = null;
        var first = true;
        while (true)
        {
            var changed = new WatchSignal();
            var leader = await ReadLeaderAsync(changed, cancellationToken).ConfigureAwait(false);
            if (first || leader != last)
            {
                first = false;
                last = leader;
                yield return leader;
            }

            await session.OrEndAsync(changed.Fired, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<Leadership> LeadAsync(CreateResult mine, CancellationToken cancellationToken)
    {
        var leadership = new Leadership(_client, mine.Path, mine.Stat.Czxid, _options.Identifier, _options);
        try
        {
            await leadership.StartAsync(cancellationToken).ConfigureAwait(false);
            return leadership;
        }
        catch
        {
            await leadership.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads the first contender; with a watcher, also watches the election's children (a change of
    /// leader always changes them: the old leader's node goes, or the first node appears).</summary>
    private async Task<LeaderInfo?> ReadLeaderAsync(WatchSignal? watcher, CancellationToken cancellationToken)
    {
        while (true)
        {
            Children children;
            try
            {
                children = await _client.GetChildrenAsync(Path, watcher?.Watcher, cancellationToken).ConfigureAwait(false);
            }
            catch (NoNodeException)
            {
                if (watcher is not null && await _client.ExistsAsync(Path, watcher.Watcher, cancellationToken).ConfigureAwait(false) is not null)
                {
                    watcher.Fire();
                }

                return null;
            }

            var contenders = ContenderNodes.InOrder(children.Names);
            if (contenders.Count == 0)
            {
                return null;
            }

            var path = ZNodePaths.Join(Path, contenders[0]);
            try
            {
                var node = await _client.GetDataAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
                return new LeaderInfo(Encoding.UTF8.GetString(node.Data), node.Stat.Czxid, path);
            }
            catch (NoNodeException)
            {
                // The leader left between the listing and the read: its children watch has fired; look again.
            }
        }
    }

    private async Task<IReadOnlyList<string>> ContendersAsync(CancellationToken cancellationToken)
    {
        try
        {
            return ContenderNodes.InOrder((await _client.GetChildrenAsync(Path, cancellationToken: cancellationToken).ConfigureAwait(false)).Names);
        }
        catch (NoNodeException)
        {
            return [];
        }
    }

    private async Task LeaveAsync(string nodePath)
    {
        try
        {
            await _client.DeleteIfExistsAsync(nodePath, retry: _retry).ConfigureAwait(false);
        }
        catch (CoordinationException)
        {
            // The session is over or unreachable: its ephemeral node goes when the session expires.
        }
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
