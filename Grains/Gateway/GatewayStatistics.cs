using System.Collections.Concurrent;
using System.Diagnostics;

namespace CoordinationService.Gateway;

/// <summary>What the four-letter words report: traffic, latency and live connections of this silo's gateway.</summary>
public sealed class GatewayStatistics
{
    private readonly ConcurrentDictionary<long, ConnectionStatistics> _connections = new();
    private long _nextId;
    private long _received;
    private long _sent;
    private long _latencyCount;
    private long _latencyTotalMs;
    private long _latencyMin = long.MaxValue;
    private long _latencyMax;

    public long Received => Interlocked.Read(ref _received);

    public long Sent => Interlocked.Read(ref _sent);

    public long MinLatencyMs => Interlocked.Read(ref _latencyCount) == 0 ? 0 : Interlocked.Read(ref _latencyMin);

    public long MaxLatencyMs => Interlocked.Read(ref _latencyMax);

    public double AverageLatencyMs
    {
        get
        {
            var count = Interlocked.Read(ref _latencyCount);
            return count == 0 ? 0 : (double)Interlocked.Read(ref _latencyTotalMs) / count;
        }
    }

    public ICollection<ConnectionStatistics> Connections => _connections.Values;

    public ConnectionStatistics Open(string remote)
    {
        var connection = new ConnectionStatistics(Interlocked.Increment(ref _nextId), remote, Stopwatch.GetTimestamp());
        _connections[connection.Id] = connection;
        return connection;
    }

    public void Close(ConnectionStatistics connection) => _connections.TryRemove(connection.Id, out _);

    public void CountReceived(ConnectionStatistics connection)
    {
        Interlocked.Increment(ref _received);
        Interlocked.Increment(ref connection.Received);
    }

    public void CountSent(ConnectionStatistics connection, int packets)
    {
        Interlocked.Add(ref _sent, packets);
        Interlocked.Add(ref connection.Sent, packets);
    }

    public void RecordLatency(long milliseconds)
    {
        Interlocked.Increment(ref _latencyCount);
        Interlocked.Add(ref _latencyTotalMs, milliseconds);
        InterlockedMin(ref _latencyMin, milliseconds);
        InterlockedMax(ref _latencyMax, milliseconds);
    }

    private static void InterlockedMin(ref long target, long value)
    {
        long current;
        while (value < (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long current;
        while (value > (current = Interlocked.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

/// <summary>One client connection, as `cons` and `stat` list it.</summary>
public sealed class ConnectionStatistics(long id, string remote, long openedTimestamp)
{
    public long Received;
    public long Sent;

    public long Id { get; } = id;

    public string Remote { get; } = remote;

    public long OpenedTimestamp { get; } = openedTimestamp;

    public long SessionId { get; set; }

    public int TimeoutMs { get; set; }
}
