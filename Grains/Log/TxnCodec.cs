using CoordinationService.Model;
using CoordinationService.Txns;

namespace CoordinationService.Log;

/// <summary>
/// The on-disk form of a <see cref="TxnRecord"/>: a format byte, then zxid, time and session as
/// little-endian int64, then the txn as a tag byte and its fields. Strings are UTF-8 and byte
/// arrays are raw, both behind an int32 length. The same record always encodes to the same bytes.
/// </summary>
public static class TxnCodec
{
    /// <summary>Bumped only with a decoder for the old format kept alongside: logs outlive releases.</summary>
    public const byte FormatVersion = 1;

    /// <summary>ZooKeeper never nests multis; the limit only keeps a damaged input from exhausting the stack.</summary>
    public const int MaxMultiDepth = 16;

    public static byte[] Encode(TxnRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var measure = new TxnWriter(Span<byte>.Empty, measureOnly: true);
        WriteRecord(ref measure, record);

        var buffer = new byte[measure.Position];
        var writer = new TxnWriter(buffer, measureOnly: false);
        WriteRecord(ref writer, record);
        return buffer;
    }

    public static TxnRecord Decode(ReadOnlySpan<byte> data)
    {
        var reader = new TxnReader(data);
        var format = reader.ReadByte();
        if (format != FormatVersion)
        {
            throw new InvalidDataException($"Unknown txn format version {format}.");
        }

        var zxid = new Zxid(reader.ReadInt64());
        var time = reader.ReadInt64();
        var session = new SessionId(reader.ReadInt64());
        var body = ReadTxn(ref reader, depth: 0);
        reader.EnsureEnd();
        return new TxnRecord(zxid, time, session, body);
    }

    private static void WriteRecord(ref TxnWriter writer, TxnRecord record)
    {
        writer.WriteByte(FormatVersion);
        writer.WriteInt64(record.Zxid.Value);
        writer.WriteInt64(record.Time);
        writer.WriteInt64(record.Session.Value);
        WriteTxn(ref writer, record.Body, depth: 0);
    }

    private static void WriteTxn(ref TxnWriter writer, Txn txn, int depth)
    {
        switch (txn)
        {
            case CreateTxn create:
                if (!Enum.IsDefined(create.Kind))
                {
                    throw new ArgumentOutOfRangeException(nameof(txn), create.Kind, "Unknown node kind.");
                }

                writer.WriteByte((byte)TxnTag.Create);
                writer.WriteString(create.Path);
                writer.WriteBytes(create.Data);
                writer.WriteAcl(create.Acl);
                writer.WriteByte((byte)create.Kind);
                writer.WriteInt64(create.EphemeralOwner);
                writer.WriteInt64(create.Ttl);
                writer.WriteInt32(create.ParentCversion);
                break;
            case DeleteTxn delete:
                writer.WriteByte((byte)TxnTag.Delete);
                writer.WriteString(delete.Path);
                break;
            case SetDataTxn setData:
                writer.WriteByte((byte)TxnTag.SetData);
                writer.WriteString(setData.Path);
                writer.WriteBytes(setData.Data);
                writer.WriteInt32(setData.Version);
                break;
            case SetAclTxn setAcl:
                writer.WriteByte((byte)TxnTag.SetAcl);
                writer.WriteString(setAcl.Path);
                writer.WriteAcl(setAcl.Acl);
                writer.WriteInt32(setAcl.Aversion);
                break;
            case CheckTxn check:
                writer.WriteByte((byte)TxnTag.Check);
                writer.WriteString(check.Path);
                break;
            case MultiTxn multi:
                if (depth >= MaxMultiDepth)
                {
                    throw new ArgumentException($"Multi txns nested deeper than {MaxMultiDepth}.", nameof(txn));
                }

                writer.WriteByte((byte)TxnTag.Multi);
                writer.WriteInt32(multi.Txns.Count);
                foreach (var op in multi.Txns)
                {
                    WriteTxn(ref writer, op, depth + 1);
                }

                break;
            case ErrorTxn error:
                writer.WriteByte((byte)TxnTag.Error);
                writer.WriteInt32((int)error.Code);
                break;
            case CreateSessionTxn createSession:
                writer.WriteByte((byte)TxnTag.CreateSession);
                writer.WriteInt64(createSession.SessionId);
                writer.WriteInt32(createSession.TimeoutMs);
                writer.WriteBytes(createSession.Password);
                break;
            case CloseSessionTxn closeSession:
                writer.WriteByte((byte)TxnTag.CloseSession);
                writer.WriteInt64(closeSession.SessionId);
                writer.WriteStrings(closeSession.EphemeralPaths);
                writer.WriteBool(closeSession.Expired);
                break;
            case EpochTxn epoch:
                writer.WriteByte((byte)TxnTag.Epoch);
                writer.WriteInt64(epoch.Epoch);
                break;
            default:
                throw new ArgumentException($"No encoding for txn type {txn?.GetType().Name ?? "null"}.", nameof(txn));
        }
    }

    private static Txn ReadTxn(ref TxnReader reader, int depth)
    {
        var tag = (TxnTag)reader.ReadByte();
        switch (tag)
        {
            case TxnTag.Create:
                var path = reader.ReadString();
                var data = reader.ReadBytes();
                var acl = reader.ReadAcl();
                var kind = (NodeKind)reader.ReadByte();
                if (!Enum.IsDefined(kind))
                {
                    throw new InvalidDataException($"Unknown node kind {(byte)kind}.");
                }

                var ephemeralOwner = reader.ReadInt64();
                var ttl = reader.ReadInt64();
                return new CreateTxn(path, data, acl, kind, ephemeralOwner, ttl, reader.ReadInt32());
            case TxnTag.Delete:
                return new DeleteTxn(reader.ReadString());
            case TxnTag.SetData:
                var setPath = reader.ReadString();
                var setBytes = reader.ReadBytes();
                return new SetDataTxn(setPath, setBytes, reader.ReadInt32());
            case TxnTag.SetAcl:
                var aclPath = reader.ReadString();
                var newAcl = reader.ReadAcl();
                return new SetAclTxn(aclPath, newAcl, reader.ReadInt32());
            case TxnTag.Check:
                return new CheckTxn(reader.ReadString());
            case TxnTag.Multi:
                if (depth >= MaxMultiDepth)
                {
                    throw new InvalidDataException($"Multi txns nested deeper than {MaxMultiDepth}.");
                }

                var count = reader.ReadCount(minElementSize: 1);
                var ops = new Txn[count];
                for (var i = 0; i < count; i++)
                {
                    ops[i] = ReadTxn(ref reader, depth + 1);
                }

                return new MultiTxn(ops);
            case TxnTag.Error:
                return new ErrorTxn((ResultCode)reader.ReadInt32());
            case TxnTag.CreateSession:
                var sessionId = reader.ReadInt64();
                var timeoutMs = reader.ReadInt32();
                return new CreateSessionTxn(sessionId, timeoutMs, reader.ReadBytes());
            case TxnTag.CloseSession:
                var closedId = reader.ReadInt64();
                var ephemerals = reader.ReadStrings();
                return new CloseSessionTxn(closedId, ephemerals, reader.ReadBool());
            case TxnTag.Epoch:
                return new EpochTxn(reader.ReadInt64());
            default:
                throw new InvalidDataException($"Unknown txn tag {(byte)tag}.");
        }
    }
}
