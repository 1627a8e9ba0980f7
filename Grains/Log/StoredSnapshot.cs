using CoordinationService.Model;

namespace CoordinationService.Log;

/// <param name="Zxid">The last txn the snapshot includes; replay continues after it.</param>
/// <param name="Data">Whatever the tree wrote; the log only checksums it.</param>
public sealed record StoredSnapshot(Zxid Zxid, byte[] Data);
