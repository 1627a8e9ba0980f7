namespace CoordinationService.Client.Resilience;

/// <summary>
/// Curator's protection-mode names: <c>_c_&lt;guid&gt;-name</c>. The guid is chosen by the client
/// before the first attempt, so after a connection loss it can tell its own node among the
/// parent's children, and other Curator-style tools recognise the prefix.
/// </summary>
public static class ProtectedNames
{
    public const string Prefix = "_c_";

    /// <summary>The marker every node of one protected create starts with: <c>_c_&lt;guid&gt;-</c>.</summary>
    public static string Marker(Guid id) => $"{Prefix}{id:D}-";

    /// <summary>The name given to the node: the marker, then the caller's name.</summary>
    public static string Protect(Guid id, string name) => Marker(id) + name;

    /// <summary>The caller's name inside a protected node name (sequence suffix included), or the name itself when it is not protected.</summary>
    public static string Unprotect(string nodeName)
    {
        // "_c_" + 36-character guid + "-"
        const int markerLength = 3 + 36 + 1;
        return nodeName.Length >= markerLength
            && nodeName.StartsWith(Prefix, StringComparison.Ordinal)
            && nodeName[markerLength - 1] == '-'
            && Guid.TryParseExact(nodeName.AsSpan(Prefix.Length, 36), "D", out _)
            ? nodeName[markerLength..]
            : nodeName;
    }
}
