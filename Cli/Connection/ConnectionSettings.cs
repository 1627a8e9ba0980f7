using System.Net;

namespace CoordinationService.Cli.Connection;

/// <param name="Gateways">Orleans gateways of the silos (ignored when <paramref name="ConnectionString"/> is set).</param>
/// <param name="Where">How the user named the cluster, for error messages (never the connection string: it may hold a password).</param>
/// <param name="ConnectionString">Cluster mode: the silos' PostgreSQL database, where the live gateways are listed.</param>
/// <param name="Timeout">Bounds connecting and each request.</param>
/// <param name="Auth">A digest identity "user:password" proven right after connecting.</param>
public sealed record ConnectionSettings(
    IReadOnlyList<IPEndPoint> Gateways,
    string Where,
    string? ConnectionString,
    TimeSpan Timeout,
    string? Auth,
    bool Verbose);
