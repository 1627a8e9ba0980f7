using System.Globalization;

namespace CoordinationService.Tests.Linearizability.Workloads;

/// <summary>Where one run's znodes live (under a root of its own), and how set members and lock nodes are named.</summary>
internal sealed class RunPaths(string root)
{
    public const string InitialValue = "init";

    public string Root => root;

    public string Registers => $"{root}/r";

    public string Sets => $"{root}/s";

    public string Lock => $"{root}/lock";

    public string Ephemerals => $"{root}/eph";

    public string Register(int index) => $"{Registers}/k{index}";

    public string Set(int index) => $"{Sets}/k{index}";

    /// <summary>A set member's node: "e-" + its element + "-", to which the server appends ten digits.</summary>
    public static string MemberPrefix(string set, string element) => $"{set}/e-{element}-";

    public static (string Element, int Sequence) ParseMember(string name) => (name[2..^11], SequenceOf(name));

    public static int SequenceOf(string path) => int.Parse(path[^10..], CultureInfo.InvariantCulture);
}
