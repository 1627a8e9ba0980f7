using System.Net;
using CoordinationService.Operations.Api;
using CoordinationService.Operations.Reports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using HttpResults = Microsoft.AspNetCore.Http.Results;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace CoordinationService.Operations;

public static class AdminHttpExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>
    /// The silo's admin HTTP port (<see cref="AdminOptions"/>): Prometheus metrics, health endpoints,
    /// the web view and its JSON API. Call on the builder that also hosts the silo.
    /// </summary>
    public static WebApplicationBuilder AddCoordinationAdmin(this WebApplicationBuilder builder, AdminOptions admin)
    {
        var services = builder.Services;
        services.AddOptions<AdminOptions>().Bind(builder.Configuration.GetSection(AdminOptions.SectionName));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(admin.BindAddress), admin.Port));

        // The admin port answers while the silo starts, so a long recovery shows as live but not ready
        // (the web host would otherwise start only after the silo is up).
        services.Configure<HostOptions>(o => o.ServicesStartConcurrently = true);

        services.TryAddSingleton<SiloActivity>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ILifecycleParticipant<ISiloLifecycle>, SiloActivity>(sp => sp.GetRequiredService<SiloActivity>()));
        services.TryAddSingleton<ReadinessCheck>();
        services.AddHealthChecks().AddCheck<ReadinessCheck>(ReadyTag, tags: [ReadyTag]);

        services.AddGrainService<SiloReportService>();
        services.TryAddSingleton<SiloReportClient>();
        services.TryAddSingleton<SiloReports>();
        services.TryAddSingleton<ClusterApi>();
        services.TryAddSingleton<TreeApi>();
        services.TryAddSingleton<SessionsApi>();
        services.TryAddSingleton<ChangeApi>();
        services.TryAddSingleton<AdminToken>();

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("coordination-silo"))
            .WithMetrics(metrics => metrics.AddMeter(CoordinationMetrics.MeterName).AddPrometheusExporter());
        return builder;
    }

    /// <summary>Maps /metrics, /health/live, /health/ready, /api/… and the web view at /.</summary>
    public static WebApplication MapCoordinationAdmin(this WebApplication app)
    {
        var page = new EmbeddedFileProvider(typeof(AdminHttpExtensions).Assembly, "CoordinationService.Operations.Web");
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });

        app.MapPrometheusScrapingEndpoint();
        // Live: the process answers. Ready: every check tagged "ready" passes.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthJson.WriteAsync });

        var api = app.MapGroup("/api");
        api.MapGet("/cluster", (ClusterApi cluster, CancellationToken ct) => cluster.GetAsync(ct));
        api.MapGet("/tree", (TreeApi tree, string? path) => tree.Get(string.IsNullOrEmpty(path) ? "/" : path));
        api.MapGet("/sessions", (SessionsApi sessions, CancellationToken ct) => sessions.GetSessionsAsync(ct));
        api.MapGet("/watches", (SessionsApi sessions, CancellationToken ct) => sessions.GetWatchesAsync(ct));

        var changes = api.MapGroup("/tree").AddEndpointFilter<AdminToken>();
        changes.MapPost("", async (ChangeApi change, NodeChange body) => Answer(await change.CreateAsync(body).ConfigureAwait(false)));
        changes.MapPut("", async (ChangeApi change, NodeChange body) => Answer(await change.SetAsync(body).ConfigureAwait(false)));
        changes.MapDelete("", async (ChangeApi change, string path, int? version) => Answer(await change.DeleteAsync(path, version).ConfigureAwait(false)));
        return app;
    }

    private static IResult Answer(ChangeResult result) => HttpResults.Json(result, statusCode: result.Code switch
    {
        "ok" => StatusCodes.Status200OK,
        "no_node" => StatusCodes.Status404NotFound,
        "node_exists" or "bad_version" or "not_empty" or "no_children_for_ephemerals" => StatusCodes.Status409Conflict,
        "no_auth" => StatusCodes.Status403Forbidden,
        "bad_arguments" or "invalid_acl" => StatusCodes.Status400BadRequest,
        "connection_loss" or "session_expired" or "operation_timeout" => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status422UnprocessableEntity,
    });
}
