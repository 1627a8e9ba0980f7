using CoordinationService.Model;

namespace CoordinationService.Log;

/// <summary>One txn row as a store holds it, not yet trusted.</summary>
internal readonly record struct StoredEntry(Zxid Zxid, byte[] Body, uint Crc);
