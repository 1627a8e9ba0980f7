using CoordinationService.Model;

namespace CoordinationService.Client;

public sealed record NodeData(byte[] Data, Stat Stat);
