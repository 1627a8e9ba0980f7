using System.Text;
using CoordinationService.Model;

namespace CoordinationService.Tree;

/// <summary>
/// The canonical snapshot: one byte sequence per tree state, so equal trees give equal digests.
/// Layout (little-endian): magic "CSDT", format version, LastApplied; sessions by id; nodes in
/// ordinal path order with every persisted field; then the SHA-256 of everything before it.
/// Children are not stored: they follow from the paths.
/// </summary>
public sealed partial class DataTree
{
    private const int FormatVersion = 1;
    private const int ChecksumLength = 32;
    private static readonly byte[] Magic = "CSDT"u8.ToArray();
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public void WriteSnapshot(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var hashing = new HashingStream(output);
        using (var writer = new BinaryWriter(hashing, StrictUtf8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(LastApplied.Value);
            WriteSessions(writer);
            WriteNodes(writer);
        }

        output.Write(hashing.GetHashAndReset());
    }

    /// <exception cref="InvalidDataException">The bytes are truncated, altered or not a snapshot.</exception>
    public static DataTree ReadSnapshot(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var hashing = new HashingStream(input);
        try
        {
            DataTree tree;
            using (var reader = new BinaryReader(hashing, StrictUtf8, leaveOpen: true))
            {
                tree = ReadBody(reader);
            }

            var actual = hashing.GetHashAndReset();
            var expected = new byte[ChecksumLength];
            input.ReadExactly(expected);
            if (!actual.AsSpan().SequenceEqual(expected))
            {
                throw new InvalidDataException("Snapshot checksum does not match its contents.");
            }

            return tree;
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("Snapshot is truncated.", e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new InvalidDataException("Snapshot is malformed.", e);
        }
    }

    /// <summary>Lowercase hex SHA-256 of the canonical snapshot bytes.</summary>
    public string Digest()
    {
        using var sink = new HashingStream(Stream.Null);
        WriteSnapshot(sink);
        return Convert.ToHexStringLower(sink.GetHashAndReset());
    }

    private void WriteSessions(BinaryWriter writer)
    {
        writer.Write(_sessions.Count);
        foreach (var id in _sessions.Keys.Order())
        {
            var session = _sessions[id];
            writer.Write(session.SessionId);
            writer.Write(session.TimeoutMs);
            WriteBytes(writer, session.Password);
        }
    }

    private void WriteNodes(BinaryWriter writer)
    {
        writer.Write(_nodes.Count);
        foreach (var path in _nodes.Keys.Order(StringComparer.Ordinal))
        {
            var node = _nodes[path];
            WriteString(writer, path);
            WriteBytes(writer, node.Data);
            writer.Write(node.Acl.Count);
            foreach (var entry in node.Acl)
            {
                writer.Write((int)entry.Permissions);
                WriteString(writer, entry.Scheme);
                WriteString(writer, entry.Id);
            }

            writer.Write((byte)node.Kind);
            writer.Write(node.Ttl);
            writer.Write(node.EphemeralOwner);
            writer.Write(node.Czxid);
            writer.Write(node.Mzxid);
            writer.Write(node.Ctime);
            writer.Write(node.Mtime);
            writer.Write(node.Pzxid);
            writer.Write(node.Version);
            writer.Write(node.ChildCreates);
            writer.Write(node.Aversion);
        }
    }

    private static DataTree ReadBody(BinaryReader reader)
    {
        if (!reader.ReadBytes(Magic.Length).AsSpan().SequenceEqual(Magic))
        {
            throw new InvalidDataException("Not a tree snapshot.");
        }

        var version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new InvalidDataException($"Unsupported snapshot format version {version}.");
        }

        var tree = new DataTree(new Zxid(reader.ReadInt64()));
        var sessionCount = ReadCount(reader);
        for (var i = 0; i < sessionCount; i++)
        {
            var session = new SessionRecord(reader.ReadInt64(), reader.ReadInt32(), ReadBytes(reader));
            if (!tree._sessions.TryAdd(session.SessionId, session))
            {
                throw new InvalidDataException($"Session {session.SessionId} appears twice.");
            }
        }

        var nodeCount = ReadCount(reader);
        string? previous = null;
        for (var i = 0; i < nodeCount; i++)
        {
            var path = ReadString(reader);
            if (previous is null ? path != "/" : string.CompareOrdinal(previous, path) >= 0)
            {
                throw new InvalidDataException($"Node {path} is out of order.");
            }

            tree.AddLoaded(path, ReadNode(reader));
            previous = path;
        }

        return tree;
    }

    private static DataNode ReadNode(BinaryReader reader)
    {
        var data = ReadBytes(reader);
        var acl = new AclEntry[ReadCount(reader)];
        for (var i = 0; i < acl.Length; i++)
        {
            acl[i] = new AclEntry((Permissions)reader.ReadInt32(), ReadString(reader), ReadString(reader));
        }

        var kind = (NodeKind)reader.ReadByte();
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidDataException($"Unknown node kind {kind}.");
        }

        return new DataNode(data, acl, kind, reader.ReadInt64(), reader.ReadInt64())
        {
            Czxid = reader.ReadInt64(),
            Mzxid = reader.ReadInt64(),
            Ctime = reader.ReadInt64(),
            Mtime = reader.ReadInt64(),
            Pzxid = reader.ReadInt64(),
            Version = reader.ReadInt32(),
            ChildCreates = reader.ReadInt32(),
            Aversion = reader.ReadInt32(),
        };
    }

    private void AddLoaded(string path, DataNode node)
    {
        if (path != "/")
        {
            if (PathValidation.Validate(path) is { } reason)
            {
                throw new InvalidDataException(reason);
            }

            if (!_nodes.TryGetValue(PathValidation.ParentOf(path), out var parent))
            {
                throw new InvalidDataException($"Node {path} has no parent.");
            }

            parent.AddChild(PathValidation.NameOf(path));
        }

        _nodes.Add(path, node);
        if (node.Kind == NodeKind.Ephemeral)
        {
            AddEphemeral(node.EphemeralOwner, path);
        }

        DataSize += path.Length + node.Data.Length;
    }

    private static void WriteString(BinaryWriter writer, string value) => WriteBytes(writer, StrictUtf8.GetBytes(value));

    private static string ReadString(BinaryReader reader) => StrictUtf8.GetString(ReadBytes(reader));

    private static void WriteBytes(BinaryWriter writer, byte[] bytes)
    {
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    private static byte[] ReadBytes(BinaryReader reader)
    {
        var length = ReadCount(reader);
        var bytes = reader.ReadBytes(length);
        return bytes.Length == length ? bytes : throw new EndOfStreamException();
    }

    private static int ReadCount(BinaryReader reader)
    {
        var count = reader.ReadInt32();

        // A corrupt length must not turn into a huge allocation before the checksum can catch it.
        var remaining = (reader.BaseStream as HashingStream)?.Remaining;
        return count < 0 || count > remaining
            ? throw new InvalidDataException($"Invalid length {count}.")
            : count;
    }
}
