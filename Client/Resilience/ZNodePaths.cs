namespace CoordinationService.Client.Resilience;

/// <summary>Splitting and joining znode paths, as the recipes need them.</summary>
internal static class ZNodePaths
{
    public static string Join(string parent, string child) => parent == "/" ? "/" + child : parent + "/" + child;

    public static (string Parent, string Name) Split(string path)
    {
        var slash = path.LastIndexOf('/');
        if (slash < 0)
        {
            throw new ArgumentException($"'{path}' is not an absolute znode path", nameof(path));
        }

        return (slash == 0 ? "/" : path[..slash], path[(slash + 1)..]);
    }

    /// <summary>The path and each of its ancestors below the root, outermost first: /a/b gives /a, /a/b.</summary>
    public static IEnumerable<string> SelfAndAncestors(string path)
    {
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }

        if (path != "/")
        {
            yield return path;
        }
    }
}
