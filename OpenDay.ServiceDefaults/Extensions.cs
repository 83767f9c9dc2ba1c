using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Telemetry, health checks, service discovery and resilience, shared by every OpenDay process.
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>The longest any one health check (database, Redis) may take before it counts as failed.</summary>
    public static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Activity source of OpenDay's own spans (correlation ids, domain steps).</summary>
    public const string ActivitySourceName = "OpenDay";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // Requests here are short; a restart from the dashboard should not wait the default 30 s for stragglers.
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // Telemetry:TraceSampleRatio: the share of requests traced where a trace starts (the gateway); every process
        // after it follows the caller's decision, so a trace is whole or absent. 1 (the default) traces everything.
        var sampleRatio = builder.Configuration.GetValue("Telemetry:TraceSampleRatio", 1.0);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(ActivitySourceName))
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(sampleRatio)))
                .AddSource(builder.Environment.ApplicationName, ActivitySourceName)
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Probes would drown the traces that matter.
                    aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthPath) &&
                        !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            // Telemetry:MetricExportIntervalSeconds: how often metrics are sent (else OTEL_METRIC_EXPORT_INTERVAL, which
            // the AppHost's developer profile sets to a second for a live dashboard).
            if (builder.Configuration.GetValue<int?>("Telemetry:MetricExportIntervalSeconds") is { } seconds)
            {
                builder.Services.Configure<MetricReaderOptions>(reader =>
                    reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = seconds * 1000);
            }
        }
        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        // /health must answer even while a dependency hangs: a check that has not answered in time is unhealthy.
        builder.Services.PostConfigure<HealthCheckServiceOptions>(options =>
        {
            foreach (var registration in options.Registrations.Where(r => r.Timeout == Timeout.InfiniteTimeSpan || r.Timeout > HealthCheckTimeout))
            {
                registration.Timeout = HealthCheckTimeout;
            }
        });
        return builder;
    }

    /// <summary>
    /// <c>/health</c>: ready for traffic (every check); <c>/alive</c>: the process answers (live checks only).
    /// Both are anonymous: they reveal nothing but a status word.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath).AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") }).AllowAnonymous();
        return app;
    }
}
