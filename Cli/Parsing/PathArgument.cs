using System.CommandLine;
using CoordinationService.Model;

namespace CoordinationService.Cli.Parsing;

/// <summary>A znode path argument, checked with ZooKeeper's own rules before anything is sent.</summary>
public static class PathArgument
{
    public static Argument<string> Create(string description)
    {
        var argument = new Argument<string>("path") { Description = description };
        argument.Validators.Add(result =>
        {
            var path = result.GetValueOrDefault<string>();
            if (PathValidation.Validate(path) is { } reason)
            {
                result.AddError($"{reason} (path '{path}').");
            }
        });
        return argument;
    }

    /// <summary>A path whose check depends on other options (create -s allows a trailing '/'): the command validates it.</summary>
    public static Argument<string> Unchecked(string description) => new("path") { Description = description };

    public static string Child(string parent, string name) => parent == "/" ? "/" + name : parent + "/" + name;

    public static string? Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash switch
        {
            < 0 => null,
            0 => path.Length > 1 ? "/" : null,
            _ => path[..slash],
        };
    }
}
