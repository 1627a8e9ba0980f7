using System.Text.Json;
using System.Text.Json.Serialization;

namespace CoordinationService.Client.Discovery;

/// <summary>The registration's node data.</summary>
internal static class ServiceInstanceJson
{
    public static byte[] Serialize(ServiceInstance instance) =>
        JsonSerializer.SerializeToUtf8Bytes(instance, DiscoveryJsonContext.Default.ServiceInstance);

    /// <summary>The instance stored in node <paramref name="nodeName"/>, or null for data that is not one
    /// (a node some other tool put there must not break discovery of the rest). The node name is its id.</summary>
    public static ServiceInstance? TryParse(string nodeName, byte[] data)
    {
        try
        {
            var instance = JsonSerializer.Deserialize(data, DiscoveryJsonContext.Default.ServiceInstance);
            return instance is null || string.IsNullOrEmpty(instance.Address) ? null : instance with { Id = nodeName };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceInstance))]
internal sealed partial class DiscoveryJsonContext : JsonSerializerContext;
