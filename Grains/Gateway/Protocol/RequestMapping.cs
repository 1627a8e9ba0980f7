using CoordinationService.Model;
using Contracts = CoordinationService.Requests;

namespace CoordinationService.Gateway.Protocol;

/// <summary>Turns decoded wire requests into our contract requests where the two match one to one.</summary>
public static class RequestMapping
{
    /// <summary>
    /// The contract request for <paramref name="request"/>, or null for what the gateway answers itself
    /// (ping, auth, setWatches, checkWatches, whoAmI, multiRead, unknown and malformed requests).
    /// </summary>
    /// <exception cref="ProtocolMappingException">Create flags that are no CreateMode (BadArguments), or a
    /// read op inside a multi (MarshallingError).</exception>
    public static Contracts.ClientRequest? ToContract(ZooRequest request) => request.Body switch
    {
        MultiRequest multi when request.OpCode == OpCode.Multi => ToContract(multi),
        PathWatchRequest read => request.OpCode switch
        {
            OpCode.Exists => new Contracts.ExistsRequest(read.Path, read.Watch),
            OpCode.GetData => new Contracts.GetDataRequest(read.Path, read.Watch),
            _ => new Contracts.GetChildrenRequest(read.Path, read.Watch),
        },
        PathRequest path => request.OpCode switch
        {
            OpCode.GetAcl => new Contracts.GetAclRequest(path.Path),
            OpCode.Sync => new Contracts.SyncRequest(path.Path),
            OpCode.GetEphemerals => new Contracts.GetEphemeralsRequest(path.Path),
            _ => new Contracts.GetAllChildrenNumberRequest(path.Path),
        },
        AddWatchRequest add => new Contracts.AddWatchRequest(add.Path, (Contracts.AddWatchMode)add.Mode),
        WatchTypeRequest remove when request.OpCode == OpCode.RemoveWatches =>
            new Contracts.RemoveWatchesRequest(remove.Path, (Contracts.WatcherType)remove.Type),
        EmptyRecord when request.OpCode == OpCode.CloseSession => new Contracts.CloseSessionRequest(),
        _ => ToWrite(request.OpCode, request.Body),
    };

    /// <summary>A multi (14); every op must be a write.</summary>
    public static Contracts.MultiRequest ToContract(MultiRequest multi)
    {
        var ops = new Contracts.WriteRequest[multi.Ops.Count];
        for (var i = 0; i < ops.Length; i++)
        {
            ops[i] = ToWrite(multi.Ops[i].Type, multi.Ops[i].Request)
                ?? throw new ProtocolMappingException(ResultCode.MarshallingError, $"Op {multi.Ops[i].Type} cannot be part of a multi");
        }

        return new Contracts.MultiRequest(ops);
    }

    /// <summary>The reads of a multiRead (22), in order; ZooKeeper allows getData and getChildren there.</summary>
    public static IReadOnlyList<Contracts.ReadRequest> ToReads(MultiRequest multiRead)
    {
        var reads = new Contracts.ReadRequest[multiRead.Ops.Count];
        for (var i = 0; i < reads.Length; i++)
        {
            var op = multiRead.Ops[i];
            reads[i] = (op.Type, op.Request) switch
            {
                (OpCode.GetData, PathWatchRequest r) => new Contracts.GetDataRequest(r.Path, r.Watch),
                (OpCode.GetChildren, PathWatchRequest r) => new Contracts.GetChildrenRequest(r.Path, r.Watch),
                _ => throw new ProtocolMappingException(ResultCode.MarshallingError, $"Op {op.Type} cannot be part of a multiRead"),
            };
        }

        return reads;
    }

    /// <summary>ZooKeeper's CreateMode.fromFlag: 0..6, anything else is BadArguments.</summary>
    public static CreateMode ToCreateMode(int flags) => flags is >= 0 and <= (int)CreateMode.PersistentSequentialWithTtl
        ? (CreateMode)flags
        : throw new ProtocolMappingException(ResultCode.BadArguments, $"Received an invalid flag value: {flags} to convert to a CreateMode");

    private static Contracts.WriteRequest? ToWrite(OpCode opCode, IJuteRecord body) => body switch
    {
        // Null data and ACL are legal jute; ZooKeeper stores null data as empty and treats no ACL like an empty list.
        CreateRequest c => new Contracts.CreateRequest(c.Path, c.Data ?? [], c.Acl ?? [], ToCreateMode(c.Flags)),
        CreateTtlRequest c => new Contracts.CreateRequest(c.Path, c.Data ?? [], c.Acl ?? [], ToCreateMode(c.Flags), c.Ttl),
        DeleteRequest d => new Contracts.DeleteRequest(d.Path, d.Version),
        SetDataRequest s => new Contracts.SetDataRequest(s.Path, s.Data ?? [], s.Version),
        SetAclRequest s => new Contracts.SetAclRequest(s.Path, s.Acl ?? [], s.Version),
        CheckVersionRequest c => new Contracts.CheckVersionRequest(c.Path, c.Version),
        _ => null,
    };
}
