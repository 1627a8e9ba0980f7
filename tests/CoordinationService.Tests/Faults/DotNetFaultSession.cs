using System.Diagnostics;
using System.Text;
using CoordinationService.Client;
using CoordinationService.Errors;
using CoordinationService.Model;

namespace CoordinationService.Tests.Faults;

/// <summary>
/// A fault-test client on the .NET <see cref="CoordinationClient"/>. The Orleans client under it
/// picks the silo (the test cannot know which), and the client library moves the session by itself
/// when that silo dies; every state change is kept for the report.
/// </summary>
internal sealed class DotNetFaultSession : IFaultSession
{
    private readonly CoordinationClient _client;
    private readonly List<string> _events = [];
    private readonly long _started = Stopwatch.GetTimestamp();

    private DotNetFaultSession(string name, CoordinationClient client)
    {
        Name = name;
        _client = client;
        _client.StateChanged += (_, change) =>
        {
            lock (_events)
            {
                _events.Add($"{Elapsed()} {change.Previous} -> {change.Current}");
            }

            if (change.Current == SessionState.Expired)
            {
                Ended ??= $"state changed {change.Previous} -> Expired";
            }
        };
    }

    public string Name { get; }

    public int? Server => null;

    public int? Home => null;

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public string? Ended { get; private set; }

    public SessionState State => _client.State;

    public long SessionId => _client.SessionId.Value;

    public static async Task<DotNetFaultSession> OpenAsync(string name, IGrainFactory grains, TimeSpan sessionTimeout, TimeSpan requestTimeout) =>
        new(name, await CoordinationClient.ConnectAsync(grains, new CoordinationClientOptions
        {
            SessionTimeout = sessionTimeout,
            RequestTimeout = requestTimeout,
        }));

    public Task PrepareAsync(bool returnHome, CancellationToken cancellation) => Task.CompletedTask;

    public Task<OpResult> CreateSequentialAsync(string prefix, string payload) =>
        RunAsync(async () =>
        {
            var created = await _client.CreateWithStatAsync(prefix, Encoding.UTF8.GetBytes(payload), CreateMode.PersistentSequential);
            return new OpResult(Outcome.Acked, created.Stat.Czxid, created.Path, created.Stat.Version);
        });

    public Task<OpResult> SetDataAsync(string path, string payload) =>
        RunAsync(async () =>
        {
            var stat = await _client.SetDataAsync(path, Encoding.UTF8.GetBytes(payload));
            return new OpResult(Outcome.Acked, stat.Mzxid, path, stat.Version);
        });

    public Task<OpResult> GetDataAsync(string path) =>
        RunAsync(async () =>
        {
            var node = await _client.GetDataAsync(path);
            return new OpResult(Outcome.Acked, node.Stat.Mzxid, path, node.Stat.Version, Encoding.UTF8.GetString(node.Data));
        });

    public async Task CloseAsync()
    {
        await _client.CloseAsync();
        Ended ??= "closed";
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task<OpResult> RunAsync(Func<Task<OpResult>> operation)
    {
        try
        {
            return await operation();
        }
        catch (SessionExpiredException expired)
        {
            Ended ??= $"operation failed with SessionExpired ({expired.Message}) in state {_client.State}";
            return OpResult.Expired(Ended);
        }
        catch (ConnectionLossException lost)
        {
            return OpResult.Unknown("ConnectionLoss: " + lost.Message);
        }
        catch (CoordinationException timeout) when (timeout.Code == ResultCode.OperationTimeout)
        {
            return OpResult.Unknown("OperationTimeout");
        }
        catch (CoordinationException refused)
        {
            return OpResult.Refused(refused.Code.ToString());
        }
        catch (Exception other)
        {
            // Not a documented outcome of the client: counted as unknown, and named in the report.
            return OpResult.Unknown($"unexpected {other.GetType().Name}: {other.Message}");
        }
    }

    private string Elapsed() => $"+{Stopwatch.GetElapsedTime(_started).TotalSeconds:F1}s";
}
