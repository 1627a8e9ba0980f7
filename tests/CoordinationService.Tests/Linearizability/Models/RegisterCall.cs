namespace CoordinationService.Tests.Linearizability.Models;

/// <summary>An operation on a znode used as a register: getData, setData, setData with an expected version.</summary>
public abstract record RegisterCall
{
    private RegisterCall()
    {
    }

    /// <summary>getData (after a sync, when it is checked for linearizability): answers (data, version).</summary>
    public sealed record Read : RegisterCall
    {
        public static readonly Read Instance = new();
    }

    /// <summary>setData with version -1: answers the new version.</summary>
    public sealed record Write(string Value) : RegisterCall;

    /// <summary>setData with an expected version: the new version, or BadVersion (a failed outcome).</summary>
    public sealed record CompareAndSet(int ExpectedVersion, string Value) : RegisterCall;
}

/// <summary>A read's (data, version), or a write's new version (with a null value).</summary>
public readonly record struct RegisterResult(string? Value, int Version);

/// <summary>The znode's data and version.</summary>
public readonly record struct RegisterState(string Value, int Version);
