namespace CoordinationService.Model;

/// <summary>
/// ZooKeeper's path rules (PathUtils.validatePath), character for character, so that a path
/// accepted or refused by ZooKeeper is accepted or refused here with the same reason.
/// </summary>
public static class PathValidation
{
    /// <summary>Returns null when <paramref name="path"/> is valid, otherwise why it is not.</summary>
    /// <param name="sequential">A sequential create validates the path with its suffix still to come,
    /// so a trailing '/' is allowed there (ZooKeeper appends "1" before checking).</param>
    public static string? Validate(string? path, bool sequential = false)
    {
        if (path is null)
        {
            return "Path cannot be null";
        }

        return sequential ? Check(path + "1") : Check(path);
    }

    private static string? Check(string path)
    {
        if (path.Length == 0)
        {
            return "Path length must be > 0";
        }

        if (path[0] != '/')
        {
            return "Path must start with / character";
        }

        if (path.Length == 1)
        {
            return null;
        }

        if (path[^1] == '/')
        {
            return "Path must not end with / character";
        }

        var last = '/';
        for (var i = 1; i < path.Length; i++)
        {
            var c = path[i];
            var reason = CheckChar(path, i, c, last);
            if (reason is not null)
            {
                return $"Invalid path string \"{path}\" caused by {reason} @{i}";
            }

            last = c;
        }

        return null;
    }

    private static string? CheckChar(string path, int i, char c, char last)
    {
        if (c == 0)
        {
            return "null character not allowed";
        }

        if (c == '/' && last == '/')
        {
            return "empty node name specified";
        }

        if (c == '.' && last == '.')
        {
            if (path[i - 2] == '/' && (i + 1 == path.Length || path[i + 1] == '/'))
            {
                return "relative paths not allowed";
            }
        }
        else if (c == '.')
        {
            if (path[i - 1] == '/' && (i + 1 == path.Length || path[i + 1] == '/'))
            {
                return "relative paths not allowed";
            }
        }
        else if (IsInvalidChar(c))
        {
            return "invalid character";
        }

        return null;
    }

    private static bool IsInvalidChar(char c) =>
        (c > '\u0000' && c <= '\u001f')
        || (c >= '\u007f' && c <= '\u009F')
        || (c >= '\ud800' && c <= '\uf8ff')
        || (c >= '\ufff0' && c <= '\uffff');

    /// <summary>The parent of a path the way ZooKeeper cuts it: everything before the last '/'
    /// ("" for children of the root, which names the root).</summary>
    public static string ParentOf(string path)
    {
        var lastSlash = path.LastIndexOf('/');
        return lastSlash <= 0 ? "/" : path[..lastSlash];
    }

    /// <summary>The last path segment.</summary>
    public static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    public static string Combine(string parent, string child) => parent == "/" ? "/" + child : parent + "/" + child;
}
