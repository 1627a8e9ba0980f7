namespace CoordinationService.Log;

/// <summary>
/// The one-byte kind of a txn in <see cref="TxnCodec"/>'s format. Values are written to disk:
/// never renumber or reuse one; a new kind takes the next free value.
/// </summary>
internal enum TxnTag : byte
{
    Create = 1,
    Delete = 2,
    SetData = 3,
    SetAcl = 4,
    Check = 5,
    Multi = 6,
    Error = 7,
    CreateSession = 8,
    CloseSession = 9,
    Epoch = 10,
}
