using CoordinationService.Model;

namespace CoordinationService.Gateway.Protocol;

/// <summary>A well-formed request that has no valid counterpart in our contracts; answer it with <see cref="Code"/>.</summary>
public sealed class ProtocolMappingException(ResultCode code, string message) : Exception(message)
{
    public ResultCode Code { get; } = code;
}
