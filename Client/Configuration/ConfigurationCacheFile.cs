using System.Text.Json;

namespace CoordinationService.Client.Configuration;

/// <summary>The last values read from one subtree, in a JSON file written atomically (a temporary file
/// renamed over it), so a crash mid-write leaves the previous values rather than half of new ones.</summary>
internal sealed class ConfigurationCacheFile(string path, string rootPath)
{
    public Dictionary<string, string?>? TryRead()
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var stream = File.OpenRead(path);
            var cached = JsonSerializer.Deserialize(stream, ConfigurationCacheJsonContext.Default.CachedConfiguration);
            // A cache of another subtree (the root was changed) is not these values.
            return cached?.Root == rootPath && cached.Values is not null
                ? new Dictionary<string, string?>(cached.Values, StringComparer.OrdinalIgnoreCase)
                : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Save(IReadOnlyDictionary<string, string?> values)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        using (var stream = File.Create(temporary))
        {
            JsonSerializer.Serialize(
                stream,
                new CachedConfiguration(rootPath, DateTimeOffset.UtcNow, new Dictionary<string, string?>(values)),
                ConfigurationCacheJsonContext.Default.CachedConfiguration);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
