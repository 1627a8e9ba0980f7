using System.Text.Json.Serialization;

namespace CoordinationService.Client.Configuration;

internal sealed record CachedConfiguration(string Root, DateTimeOffset SavedAt, Dictionary<string, string?> Values);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(CachedConfiguration))]
internal sealed partial class ConfigurationCacheJsonContext : JsonSerializerContext;
