using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.Sockets;
using CoordinationService.Gateway.Protocol;
using CoordinationService.Model;

namespace CoordinationService.Tests.Interop;

/// <summary>
/// Throws bad input at a ZooKeeper port: random bytes, valid frames (built with the gateway's own
/// codec) with mutated bytes, truncated frames, huge and negative length prefixes, valid
/// ConnectRequests followed by garbage, unknown opcodes, and valid headers over malformed bodies.
/// Connections run in parallel; each writes a burst of frames without waiting for answers.
/// </summary>
internal sealed class FrameFuzzer(int port, int seed)
{
    private const int FramesPerConnection = 100;
    private const int Workers = 8;

    private long _sent;
    private long _connections;

    public long Sent => Interlocked.Read(ref _sent);

    public long Connections => Interlocked.Read(ref _connections);

    /// <summary>Sends up to <paramref name="frames"/> frames; stops early when <paramref name="budget"/> is spent.</summary>
    public async Task RunAsync(long frames, TimeSpan budget)
    {
        var deadline = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
        {
            var random = new Random(seed * 31 + w);
            while (deadline.Elapsed < budget && Interlocked.Add(ref _sent, 0) < frames)
            {
                var burst = BuildConnection(random);
                Interlocked.Increment(ref _connections);
                await SendAsync(burst);
                Interlocked.Add(ref _sent, burst.Count);
            }
        })).ToArray();
        await Task.WhenAll(workers);
    }

    private async Task SendAsync(List<byte[]> frames)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync("127.0.0.1", port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(frames.SelectMany(f => f).ToArray(), timeout.Token);
            // Read what comes back until the server closes or goes quiet, so its writes never block on us.
            var sink = new byte[8192];
            while (await stream.ReadAsync(sink, timeout.Token) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The server closing a connection on bad input is the expected outcome.
        }
    }

    private static List<byte[]> BuildConnection(Random random)
    {
        var frames = new List<byte[]>(FramesPerConnection + 1);
        switch (random.Next(4))
        {
            case 0:
                frames.Add(Noise(random, random.Next(1, 64)));
                break;
            case 1:
                frames.Add(Mutate(random, Frame(Connect())));
                break;
            default:
                frames.Add(Frame(Connect()));
                break;
        }

        for (var i = 0; i < FramesPerConnection; i++)
        {
            frames.Add(NextFrame(random, xid: i + 1));
        }

        return frames;
    }

    private static byte[] NextFrame(Random random, int xid) => random.Next(8) switch
    {
        0 => Noise(random, random.Next(0, 200)),
        1 => Frame(Noise(random, random.Next(0, 200))),
        2 => Mutate(random, ValidRequest(random, xid)),
        3 => Truncate(random, ValidRequest(random, xid)),
        4 => LengthPrefix(random.Next(3) switch { 0 => int.MaxValue, 1 => -random.Next(1, int.MaxValue), _ => JuteLimits.MaxBuffer + 1 + random.Next(1000) }),
        5 => Frame([.. Bytes(new RequestHeader(xid, UnknownOpcode(random))), .. Noise(random, random.Next(0, 40))]),
        6 => MalformedBody(random, xid),
        _ => ValidRequest(random, xid),
    };

    private static ConnectRequest Connect() => new(0, 0, 4000, 0, new byte[16], false);

    /// <summary>A well-formed request of a common kind, through the gateway's codec.</summary>
    private static byte[] ValidRequest(Random random, int xid)
    {
        var path = random.Next(3) switch { 0 => "/", 1 => "/fuzz", _ => "/zookeeper" };
        (OpCode Op, IJuteRecord Body) request = random.Next(9) switch
        {
            0 => (OpCode.Create, new CreateRequest("/fuzz", [1, 2, 3], AclEntry.OpenUnsafe, random.Next(4))),
            1 => (OpCode.GetData, new PathWatchRequest(path, random.Next(2) == 0)),
            2 => (OpCode.SetData, new SetDataRequest(path, [9], -1)),
            3 => (OpCode.Delete, new DeleteRequest("/fuzz", -1)),
            4 => (OpCode.GetChildren2, new PathWatchRequest(path, true)),
            5 => (OpCode.SetAcl, new SetAclRequest(path, AclEntry.OpenUnsafe, -1)),
            6 => (OpCode.Auth, new AuthPacket(0, "digest", "fuzz:fuzz"u8.ToArray())),
            7 => (OpCode.AddWatch, new AddWatchRequest(path, random.Next(2))),
            _ => (OpCode.Exists, new PathWatchRequest(path, true)),
        };
        return Frame([.. Bytes(new RequestHeader(request.Op == OpCode.Auth ? -4 : xid, (int)request.Op)), .. Bytes(request.Body)]);
    }

    /// <summary>A valid header for a known opcode over a body that is not what the opcode expects.</summary>
    private static byte[] MalformedBody(Random random, int xid)
    {
        OpCode[] ops = [OpCode.Create, OpCode.Delete, OpCode.SetData, OpCode.GetData, OpCode.Multi, OpCode.SetWatches, OpCode.SetAcl, OpCode.Auth, OpCode.CreateTtl];
        var body = new byte[random.Next(0, 64)];
        random.NextBytes(body);
        if (body.Length >= 4 && random.Next(2) == 0)
        {
            // A string or vector length that lies.
            BinaryPrimitives.WriteInt32BigEndian(body, random.Next(2) == 0 ? int.MaxValue : -random.Next(2, 1000));
        }

        return Frame([.. Bytes(new RequestHeader(xid, (int)ops[random.Next(ops.Length)])), .. body]);
    }

    private static int UnknownOpcode(Random random)
    {
        var known = Enum.GetValues<OpCode>().Select(o => (int)o).ToHashSet();
        int op;
        do
        {
            op = random.Next(-100, 1000);
        }
        while (known.Contains(op));
        return op;
    }

    private static byte[] Mutate(Random random, byte[] frame)
    {
        var copy = (byte[])frame.Clone();
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        }

        return copy;
    }

    private static byte[] Truncate(Random random, byte[] frame) => frame[..random.Next(1, frame.Length)];

    private static byte[] LengthPrefix(int length)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, length);
        return bytes;
    }

    private static byte[] Frame(byte[] body) => [.. LengthPrefix(body.Length), .. body];

    private static byte[] Frame(IJuteRecord record) => Frame(Bytes(record));

    private static byte[] Bytes(IJuteRecord record) => JuteCodec.ToArray(record);

    private static byte[] Noise(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
