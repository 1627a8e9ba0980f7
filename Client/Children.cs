using CoordinationService.Model;

namespace CoordinationService.Client;

public sealed record Children(IReadOnlyList<string> Names, Stat Stat);
