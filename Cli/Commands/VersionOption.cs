using System.CommandLine;

namespace CoordinationService.Cli.Commands;

/// <summary>-v / --version: the data version a conditional write expects; -1 (the default) matches any.</summary>
public static class VersionOption
{
    public static Option<int> Create(string what) => new("--version", "-v")
    {
        Description = $"Only {what} if the node's data version is this (default -1: any version).",
        DefaultValueFactory = _ => -1,
    };
}
