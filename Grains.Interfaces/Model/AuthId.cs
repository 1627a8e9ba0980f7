namespace CoordinationService.Model;

/// <summary>
/// An identity a session has proven, as ZooKeeper's Id in a connection's authInfo: for example
/// ("digest", "alice:&lt;base64 sha1&gt;") after an auth packet, or ("ip", "127.0.0.1") for its address.
/// </summary>
[GenerateSerializer, Immutable, Alias("cs.AuthId")]
public sealed record AuthId(
    [property: Id(0)] string Scheme,
    [property: Id(1)] string Id);
