using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using CoordinationService.Client;
using CoordinationService.Errors;
using CoordinationService.Requests;
using CoordinationService.Tests.Support;

namespace CoordinationService.Tests.Outage;

/// <summary>
/// One client's steady load: each step is one multi (a counter's setData plus a pair of creates),
/// then a read of the counter. Every outcome is recorded with when it was invoked and answered, so
/// the test can tell what was acknowledged, what failed and how fast, and what was read meanwhile.
/// </summary>
internal sealed class OutageWriter(int id, CoordinationClient client)
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(25);

    public int Id { get; } = id;

    public CoordinationClient Client { get; } = client;

    public string Counter => $"/load/c{Id}";

    public ConcurrentQueue<WriteOutcome> Writes { get; } = new();

    public ConcurrentQueue<ReadOutcome> Reads { get; } = new();

    public ConcurrentQueue<SessionState> States { get; } = new();

    /// <summary>Failures other than ConnectionLoss: none are expected.</summary>
    public ConcurrentQueue<Exception> Unexpected { get; } = new();

    public string PairName(long step, char side) => $"c{Id}-{step:D6}-{side}";

    private string Pair(long step, char side) => "/load/pairs/" + PairName(step, side);

    public async Task RunAsync(CancellationToken stop)
    {
        Client.StateChanged += (_, e) => States.Enqueue(e.Current);
        for (long step = 1; !stop.IsCancellationRequested; step++)
        {
            await WriteAsync(step);
            await ReadAsync();
            await Task.Delay(Pace, CancellationToken.None);
        }
    }

    private async Task WriteAsync(long step)
    {
        var invoked = Stopwatch.GetTimestamp();
        WriteResult result;
        try
        {
            await Client.MultiAsync(
            [
                Make.Set(Counter, step.ToString()),
                Make.Create(Pair(step, 'a')),
                Make.Create(Pair(step, 'b')),
            ]);
            result = WriteResult.Acknowledged;
        }
        catch (ConnectionLossException)
        {
            result = WriteResult.Unknown;
        }
        catch (Exception e)
        {
            Unexpected.Enqueue(e);
            result = WriteResult.Failed;
        }

        Writes.Enqueue(new WriteOutcome(step, invoked, Stopwatch.GetTimestamp(), result));
    }

    private async Task ReadAsync()
    {
        var invoked = Stopwatch.GetTimestamp();
        try
        {
            var node = await Client.GetDataAsync(Counter);
            Reads.Enqueue(new ReadOutcome(invoked, Stopwatch.GetTimestamp(), long.Parse(Encoding.UTF8.GetString(node.Data)), node.PossiblyStale));
        }
        catch (Exception e)
        {
            Unexpected.Enqueue(e);
        }
    }
}

internal enum WriteResult
{
    Acknowledged,
    Unknown,
    Failed,
}

internal sealed record WriteOutcome(long Step, long Invoked, long Completed, WriteResult Result)
{
    public TimeSpan Latency => Stopwatch.GetElapsedTime(Invoked, Completed);
}

internal sealed record ReadOutcome(long Invoked, long Completed, long Value, bool PossiblyStale);
