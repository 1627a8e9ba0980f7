namespace CoordinationService.RecipeHost;

/// <summary><c>elect|register --name value ...</c>; every option is required unless it has a default here.</summary>
internal sealed class HostArguments
{
    private readonly Dictionary<string, string> _values;

    private HostArguments(string command, Dictionary<string, string> values)
    {
        Command = command;
        _values = values;
    }

    public string Command { get; }

    public int GatewayPort => int.Parse(Get("gateway-port"));

    public TimeSpan SessionTimeout => TimeSpan.FromMilliseconds(int.Parse(Get("session-ms")));

    public string Get(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public static HostArguments Parse(string[] args)
    {
        if (args.Length == 0 || args.Length % 2 == 0)
        {
            throw new ArgumentException("usage: elect|register --gateway-port N --session-ms N [--name value]...");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        return new HostArguments(args[0], values);
    }
}
