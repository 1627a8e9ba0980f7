namespace CoordinationService.Replicas;

/// <summary>A txn did not directly follow the replica's last one: the replica must resynchronise from the log store.</summary>
public sealed class ReplicaGapException(long applied, long offered)
    : Exception($"Replica at 0x{applied:x} was offered txn 0x{offered:x}, which does not follow it");
