using CoordinationService.Model;
using CoordinationService.Requests;

namespace CoordinationService.Tests.Support;

/// <summary>A seeded mix of every kind of write and read on a small key space, so operations collide and many fail.</summary>
internal static class RandomWorkload
{
    private static readonly string[] Names = ["a", "b", "c", "d", "e", "f"];

    public static async Task RunAsync(RawSession session, int seed, int operations, int batchSize = 25)
    {
        var random = new Random(seed);
        var done = 0;
        while (done < operations)
        {
            var batch = new ClientRequest[Math.Min(batchSize, operations - done)];
            for (var i = 0; i < batch.Length; i++)
            {
                batch[i] = Next(random);
            }

            await session.ExecuteAsync(batch);
            done += batch.Length;
        }
    }

    private static ClientRequest Next(Random random)
    {
        var path = RandomPath(random);
        return random.Next(10) switch
        {
            0 => Make.Create(path, "c", CreateMode.PersistentSequential),
            1 => Make.Create(path, "e", CreateMode.Ephemeral),
            2 => Make.Create(path, "p"),
            3 => new DeleteRequest(path, random.Next(3) - 1),
            4 => Make.Set(path, new string('x', random.Next(100)), random.Next(3) - 1),
            5 => new MultiRequest([Make.Create(path + "m"), new CheckVersionRequest(path, random.Next(2) - 1), new DeleteRequest(path + "m")]),
            6 => new GetChildrenRequest("/r"),
            7 => new ExistsRequest(path, Watch: true),
            8 => new GetDataRequest(path),
            _ => Make.Create(path, "t", CreateMode.Container),
        };
    }

    private static string RandomPath(Random random) =>
        random.Next(3) == 0
            ? $"/r/{Names[random.Next(Names.Length)]}/{Names[random.Next(Names.Length)]}"
            : $"/r/{Names[random.Next(Names.Length)]}";
}
