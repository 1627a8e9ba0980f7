namespace CoordinationService.Tests.Faults;

/// <summary>A node as the end of the run found it: its name under the client's parent, its payload, its czxid.</summary>
internal sealed record FinalNode(string Name, string Payload, long Czxid);

/// <summary>The client's register as the end of the run found it.</summary>
internal sealed record FinalRegister(string Payload, int Version);

/// <summary>How one client's history compares with what the tree holds at the end.</summary>
internal sealed record HistoryVerdict(string Client, int AckedWrites, int UnknownWrites, int UnknownCreatesPresent, IReadOnlyList<string> Violations);

/// <summary>
/// Checks one client's recorded operations against the final tree: every acknowledged write is
/// there exactly once, where and when it was acknowledged (path, czxid), acknowledged writes carry
/// increasing zxids in issue order, writes whose outcome was unknown and happened did so in their
/// place in that order, nothing is there twice or that was never issued or was refused,
/// and the register's versions and reads account for every write that may have happened.
/// </summary>
internal static class HistoryCheck
{
    public static HistoryVerdict Verify(string client, IReadOnlyList<OpRecord> ops, IReadOnlyList<FinalNode> nodes, FinalRegister register)
    {
        var violations = new List<string>();
        var byPayload = ops.Where(o => o.IsWrite).ToDictionary(o => o.Payload);
        CheckNodes(ops, nodes, byPayload, violations);
        CheckWriteOrder(ops, violations);
        CheckRegister(ops, register, byPayload, violations);
        CheckReads(ops, violations);

        var present = nodes.Select(n => n.Payload).ToHashSet();
        return new HistoryVerdict(
            client,
            ops.Count(o => o.IsWrite && o.Result.Outcome == Outcome.Acked),
            ops.Count(o => o.IsWrite && o.Result.Outcome == Outcome.Unknown),
            ops.Count(o => o.Kind == OpKind.Create && o.Result.Outcome == Outcome.Unknown && present.Contains(o.Payload)),
            violations);
    }

    private static void CheckNodes(IReadOnlyList<OpRecord> ops, IReadOnlyList<FinalNode> nodes, Dictionary<string, OpRecord> byPayload, List<string> violations)
    {
        foreach (var twice in nodes.GroupBy(n => n.Payload).Where(g => g.Count() > 1))
        {
            violations.Add($"payload {twice.Key} is in the tree {twice.Count()} times: {string.Join(", ", twice.Select(n => n.Name))}");
        }

        foreach (var node in nodes)
        {
            if (!byPayload.TryGetValue(node.Payload, out var op) || op.Kind != OpKind.Create)
            {
                violations.Add($"node {node.Name} holds {node.Payload}, which no create of this client issued");
            }
            else if (op.Result.Outcome is not (Outcome.Acked or Outcome.Unknown))
            {
                violations.Add($"node {node.Name} holds {node.Payload}, whose create was {op.Result.Outcome} ({op.Result.Detail})");
            }
        }

        var found = nodes.GroupBy(n => n.Payload).ToDictionary(g => g.Key, g => g.First());
        foreach (var op in ops.Where(o => o.Kind == OpKind.Create && o.Result.Outcome == Outcome.Acked))
        {
            if (!found.TryGetValue(op.Payload, out var node))
            {
                violations.Add($"acknowledged create {op.Payload} ({op.Result.Path}, czxid 0x{op.Result.Zxid:x}) is missing");
            }
            else if (!op.Result.Path!.EndsWith("/" + node.Name, StringComparison.Ordinal) || node.Czxid != op.Result.Zxid)
            {
                violations.Add($"acknowledged create {op.Payload} was {op.Result.Path} at 0x{op.Result.Zxid:x}, the tree has {node.Name} at 0x{node.Czxid:x}");
            }
        }

        // A session's writes apply in the order issued, those whose reply was lost included.
        var applied = nodes.Where(n => byPayload.TryGetValue(n.Payload, out var op) && op.Kind == OpKind.Create)
            .Select(n => (Op: byPayload[n.Payload], n.Czxid)).OrderBy(a => a.Op.Seq).ToList();
        for (var i = 1; i < applied.Count; i++)
        {
            if (applied[i].Czxid <= applied[i - 1].Czxid)
            {
                violations.Add($"create {applied[i].Op.Payload} ({applied[i].Op.Result.Outcome}) was applied at 0x{applied[i].Czxid:x}, " +
                    $"before {applied[i - 1].Op.Payload} ({applied[i - 1].Op.Result.Outcome}) issued earlier at 0x{applied[i - 1].Czxid:x}");
            }
        }

        // Sequential names follow creation order: the acknowledged ones must appear in the order acknowledged.
        var position = nodes.OrderBy(n => SequenceOf(n.Name)).Select((n, i) => (n.Payload, i))
            .GroupBy(p => p.Payload).ToDictionary(g => g.Key, g => g.First().i);
        var previous = -1;
        foreach (var op in ops.Where(o => o.Kind == OpKind.Create && o.Result.Outcome == Outcome.Acked && position.ContainsKey(o.Payload)))
        {
            if (position[op.Payload] < previous)
            {
                violations.Add($"acknowledged create {op.Payload} comes before an earlier acknowledged one in the tree's order");
            }

            previous = position[op.Payload];
        }
    }

    private static void CheckWriteOrder(IReadOnlyList<OpRecord> ops, List<string> violations)
    {
        OpRecord? previous = null;
        foreach (var op in ops.Where(o => o.IsWrite && o.Result.Outcome == Outcome.Acked))
        {
            if (previous is not null && op.Result.Zxid <= previous.Result.Zxid)
            {
                violations.Add($"{op.Payload} was acknowledged at 0x{op.Result.Zxid:x}, not after {previous.Payload} at 0x{previous.Result.Zxid:x}, issued before it");
            }

            previous = op;
        }
    }

    /// <summary>Only this client sets its register, and each applied set adds one to its version.</summary>
    private static void CheckRegister(IReadOnlyList<OpRecord> ops, FinalRegister register, Dictionary<string, OpRecord> byPayload, List<string> violations)
    {
        var sets = ops.Where(o => o.Kind == OpKind.Set).ToList();
        var appliedSoFar = 0;
        var unknownSince = 0;
        OpRecord? lastAcked = null;
        foreach (var set in sets)
        {
            switch (set.Result.Outcome)
            {
                case Outcome.Acked:
                    var applied = set.Result.Version - appliedSoFar;
                    if (applied < 1 || applied > 1 + unknownSince)
                    {
                        violations.Add($"set {set.Payload} made version {set.Result.Version}; after version {appliedSoFar} and {unknownSince} unknown sets it could only be {appliedSoFar + 1}..{appliedSoFar + 1 + unknownSince}");
                    }

                    appliedSoFar = set.Result.Version;
                    unknownSince = 0;
                    lastAcked = set;
                    break;
                case Outcome.Unknown:
                    unknownSince++;
                    break;
            }
        }

        if (register.Version < appliedSoFar || register.Version > appliedSoFar + unknownSince)
        {
            violations.Add($"the register is at version {register.Version}; after version {appliedSoFar} and {unknownSince} unknown sets it could only be {appliedSoFar}..{appliedSoFar + unknownSince}");
        }

        if (register.Payload.Length == 0)
        {
            if (lastAcked is not null)
            {
                violations.Add($"the register is empty, but set {lastAcked.Payload} was acknowledged");
            }

            return;
        }

        if (!byPayload.TryGetValue(register.Payload, out var final) || final.Kind != OpKind.Set || final.Result.Outcome is not (Outcome.Acked or Outcome.Unknown))
        {
            violations.Add($"the register holds {register.Payload}, which no acknowledged or unknown set of this client wrote");
        }
        else if (lastAcked is not null && final.Seq < lastAcked.Seq)
        {
            violations.Add($"the register holds {register.Payload}, older than the acknowledged set {lastAcked.Payload}");
        }
    }

    /// <summary>A read sees every write the session issued before it (read-your-writes) and never goes back.</summary>
    private static void CheckReads(IReadOnlyList<OpRecord> ops, List<string> violations)
    {
        var ackedVersion = 0;
        string? ackedPayload = null;
        var unknownSince = 0;
        var seenVersion = 0;
        foreach (var op in ops)
        {
            switch (op.Kind, op.Result.Outcome)
            {
                case (OpKind.Set, Outcome.Acked):
                    ackedVersion = op.Result.Version;
                    ackedPayload = op.Payload;
                    unknownSince = 0;
                    break;
                case (OpKind.Set, Outcome.Unknown):
                    unknownSince++;
                    break;
                case (OpKind.Get, Outcome.Acked):
                    var version = op.Result.Version;
                    if (version < ackedVersion || version < seenVersion || version > ackedVersion + unknownSince)
                    {
                        violations.Add($"read {op.Seq} saw version {version}; acknowledged {ackedVersion}, read before {seenVersion}, {unknownSince} unknown sets since");
                    }
                    else if (version == ackedVersion && ackedPayload is not null && op.Result.Data != ackedPayload)
                    {
                        violations.Add($"read {op.Seq} saw {op.Result.Data} at version {version}, which set {ackedPayload} wrote");
                    }

                    seenVersion = Math.Max(seenVersion, version);
                    break;
            }
        }
    }

    private static long SequenceOf(string name) => long.Parse(name.AsSpan(name.Length - 10));
}
