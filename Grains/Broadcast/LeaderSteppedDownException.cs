namespace CoordinationService.Broadcast;

/// <summary>The leader activation stopped ordering writes (fenced or its log failed); nothing it had not acknowledged was committed by it.</summary>
[GenerateSerializer, Alias("cs.LeaderSteppedDownException")]
public sealed class LeaderSteppedDownException() : Exception("The leader stepped down; retry against the new leader");
