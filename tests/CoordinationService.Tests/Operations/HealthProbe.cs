using System.Net;
using System.Text.Json;

namespace CoordinationService.Tests.Operations;

/// <summary>One answer of /health/ready or /health/live: the status code and the figures the silo gave with it.</summary>
internal sealed record HealthProbe(HttpStatusCode Status, string Reason, IReadOnlyDictionary<string, JsonElement> Data, TimeSpan At)
{
    public bool Ready => Status == HttpStatusCode.OK;

    public long LagTxns => Data["lagTxns"].GetInt64();

    public string AppliedZxid => Data["appliedZxid"].GetString()!;

    public string LogZxid => Data["logZxid"].GetString()!;

    /// <summary>The probe's answer, or null while nothing listens on the port yet.</summary>
    public static async Task<HealthProbe?> TryAsync(HttpClient http, Uri endpoint, TimeSpan at)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(endpoint);
        }
        catch (HttpRequestException)
        {
            return null;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var data = root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object
            ? d.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : [];
        return new HealthProbe(response.StatusCode, root.GetProperty("reason").GetString() ?? string.Empty, data, at);
    }

    public override string ToString() =>
        $"{At.TotalSeconds:F2}s {(int)Status} {Reason} {string.Join(", ", Data.Select(d => $"{d.Key}={d.Value}"))}";
}
