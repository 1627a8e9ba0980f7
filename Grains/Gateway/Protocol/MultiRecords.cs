namespace CoordinationService.Gateway.Protocol;

/// <summary>One op of a multi or multiRead request: its opcode and its usual request record.</summary>
public sealed record MultiOp(OpCode Type, IJuteRecord Request);

/// <summary>
/// multi (14) and multiRead (22) requests: each op is a MultiHeader (type, done false, err -1) then
/// its request body; a header with done true ends the list.
/// </summary>
public sealed record MultiRequest(IReadOnlyList<MultiOp> Ops) : IJuteRecord<MultiRequest>
{
    /// <summary>Accepts the op types ZooKeeper's MultiOperationRecord does; any other is a marshalling error there too.</summary>
    public static MultiRequest Read(ref JuteReader reader)
    {
        var ops = new List<MultiOp>();
        for (var header = MultiHeader.Read(ref reader); !header.Done; header = MultiHeader.Read(ref reader))
        {
            var type = (OpCode)header.Type;
            IJuteRecord request = type switch
            {
                OpCode.Create or OpCode.Create2 or OpCode.CreateContainer => CreateRequest.Read(ref reader),
                OpCode.CreateTtl => CreateTtlRequest.Read(ref reader),
                OpCode.Delete or OpCode.DeleteContainer => DeleteRequest.Read(ref reader),
                OpCode.SetData => SetDataRequest.Read(ref reader),
                OpCode.Check => CheckVersionRequest.Read(ref reader),
                OpCode.GetData or OpCode.GetChildren => PathWatchRequest.Read(ref reader),
                _ => throw new JuteFormatException($"Invalid type of op {header.Type} in a multi"),
            };
            ops.Add(new MultiOp(type, request));
        }

        return new MultiRequest(ops);
    }

    public void Write(JuteWriter writer)
    {
        foreach (var op in Ops)
        {
            new MultiHeader((int)op.Type, false, -1).Write(writer);
            op.Request.Write(writer);
        }

        MultiHeader.End.Write(writer);
    }
}

/// <summary>
/// One op's reply inside a multi reply. Success: the op's type, err 0, and the body that op's reply
/// would have (none for delete and check). Failure: type -1, the code in err, and an ErrorResponse
/// body repeating it — ops before the failing one carry 0 there, ops after it -2.
/// </summary>
public sealed record MultiOpResult(int Type, int Err, IJuteRecord? Body)
{
    public static MultiOpResult Failed(int err) => new((int)OpCode.Error, err, new IntResponse(err));

    public static MultiOpResult Succeeded(OpCode type, IJuteRecord? body) => new((int)type, 0, body);
}

/// <summary>The body of a multi (14) or multiRead (22) reply; its ReplyHeader carries err 0 even when an op failed.</summary>
public sealed record MultiResponse(IReadOnlyList<MultiOpResult> Results) : IJuteRecord<MultiResponse>
{
    public static MultiResponse Read(ref JuteReader reader)
    {
        var results = new List<MultiOpResult>();
        for (var header = MultiHeader.Read(ref reader); !header.Done; header = MultiHeader.Read(ref reader))
        {
            IJuteRecord? body = (OpCode)header.Type switch
            {
                OpCode.Create => PathResponse.Read(ref reader),
                OpCode.Create2 => Create2Response.Read(ref reader),
                OpCode.Delete or OpCode.Check => null,
                OpCode.SetData => StatResponse.Read(ref reader),
                OpCode.GetData => GetDataResponse.Read(ref reader),
                OpCode.GetChildren => StringListResponse.Read(ref reader),
                OpCode.Error => IntResponse.Read(ref reader),
                _ => throw new JuteFormatException($"Invalid type of op {header.Type} in a multi reply"),
            };
            results.Add(new MultiOpResult(header.Type, header.Err, body));
        }

        return new MultiResponse(results);
    }

    public void Write(JuteWriter writer)
    {
        foreach (var result in Results)
        {
            new MultiHeader(result.Type, false, result.Err).Write(writer);
            result.Body?.Write(writer);
        }

        MultiHeader.End.Write(writer);
    }
}
