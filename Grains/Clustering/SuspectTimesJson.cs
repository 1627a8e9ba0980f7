using System.Text.Json;
using Orleans.Runtime;

namespace CoordinationService.Clustering;

/// <summary>A membership row's suspicion votes as the JSON text column <c>suspect_times</c>.</summary>
internal static class SuspectTimesJson
{
    private sealed record Vote(string Silo, DateTime At);

    public static string? Write(List<Tuple<SiloAddress, DateTime>>? votes) =>
        votes is null ? null : JsonSerializer.Serialize(votes.Select(v => new Vote(v.Item1.ToParsableString(), DateTime.SpecifyKind(v.Item2, DateTimeKind.Utc))));

    public static List<Tuple<SiloAddress, DateTime>>? Read(string? json) =>
        json is null
            ? null
            : (JsonSerializer.Deserialize<List<Vote>>(json) ?? [])
                .Select(v => Tuple.Create(SiloAddress.FromParsableString(v.Silo), DateTime.SpecifyKind(v.At, DateTimeKind.Utc)))
                .ToList();
}
