namespace CoordinationService.Model;

/// <summary>A client session. Zero means "no session" (internal txns such as reaping).</summary>
[GenerateSerializer, Immutable, Alias("cs.SessionId")]
public readonly record struct SessionId([property: Id(0)] long Value)
{
    public static readonly SessionId None = new(0);

    public override string ToString() => $"0x{Value:x}";
}
