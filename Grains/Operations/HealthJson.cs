using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CoordinationService.Operations;

/// <summary>
/// Health answers as JSON — the status, why, and the figures behind it — so a probe can read the
/// status code alone and an operator sees by how much a replica is behind.
/// </summary>
internal static class HealthJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var entry = report.Entries.Values.FirstOrDefault();
        var body = new
        {
            status = report.Status.ToString(),
            reason = entry.Description,
            data = entry.Data,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Options));
    }
}
