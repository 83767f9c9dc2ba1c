using Google.Protobuf.Reflection;
using Google.Rpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.ServiceDefaults.Hosting;
using OpenDay.Platform.Data;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Platform.Hosting;

/// <summary>The shape every OpenDay gRPC service shares.</summary>
public static class GrpcServiceExtensions
{
    /// <summary>
    /// gRPC with JSON transcoding and the gRPC health service, Keycloak tokens, the caller's context, and the
    /// service's tenant-scoped database (connection string <paramref name="connectionName"/>).
    /// </summary>
    public static TBuilder AddOpenDayGrpcService<TBuilder, TContext>(this TBuilder builder, string connectionName)
        where TBuilder : IHostApplicationBuilder
        where TContext : TenantDbContext
    {
        builder.AddServiceDefaults();
        builder.ConfigureServiceEndpoints();
        builder.AddKeycloakJwtBearer();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<CallerContext>();
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddGrpc(options =>
            {
                // Never an exception's text to a caller, in development neither: UnexpectedErrorInterceptor logs it.
                options.EnableDetailedErrors = false;
                options.Interceptors.Add<UnexpectedErrorInterceptor>();
                options.Interceptors.Add<DatabaseUnavailableInterceptor>();
                options.Interceptors.Add<RequestTextInterceptor>();
                options.Interceptors.Add<TenantGuardInterceptor>();
            })
            // The error details RpcErrors sends must be known to write them into JSON error bodies.
            .AddJsonTranscoding(options => options.TypeRegistry = TypeRegistry.FromMessages(
                BadRequest.Descriptor, PreconditionFailure.Descriptor, ResourceInfo.Descriptor, ErrorInfo.Descriptor, RetryInfo.Descriptor));
        builder.Services.AddGrpcHealthChecks().AddCheck("grpc", () => Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy());

        // A scoped context (not the pooled one AddNpgsqlDbContext registers): it reads the caller's tenant.
        builder.Services.AddScoped<TenantSessionInterceptor>();
        // PostgreSQL away: fail at once (the circuit), or within the caller's two seconds (two quick retries), with
        // Unavailable from DatabaseUnavailableInterceptor, rather than after Aspire's default retries of up to 30 s.
        var connectionString = builder.Configuration.GetConnectionString(connectionName)
            ?? throw new InvalidOperationException($"Connection string '{connectionName}' is not configured.");
        builder.Services.AddSingleton(services => new DatabaseCircuit(connectionString, services.GetRequiredService<ILogger<DatabaseCircuit>>()));
        builder.Services.AddDbContext<TContext>((services, options) => options
            .UseNpgsql(connectionString, npgsql => npgsql.UseShortRetries())
            .AddInterceptors(services.GetRequiredService<DatabaseCircuit>(), services.GetRequiredService<TenantSessionInterceptor>()));
        builder.EnrichNpgsqlDbContext<TContext>(settings => settings.DisableRetry = true);
        return builder;
    }

    /// <summary>
    /// A gRPC service of OpenDay's, with its JSON routes: every method needs a caller who belongs to a unit (or is an
    /// OpenDay service), whatever roles it also names, unless it is <c>[AllowAnonymous]</c>.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapOpenDayGrpcService<TService>(this WebApplication app) where TService : class =>
        app.MapGrpcService<TService>().RequireAuthorization(KeycloakAuthenticationExtensions.MemberOfAUnitOrServicePolicy);

    /// <summary>The middleware and endpoints every service shares, around the service's own gRPC services.</summary>
    public static WebApplication UseOpenDayGrpcService(this WebApplication app)
    {
        // A bare problem body for anything unexpected: never the developer page, which echoes headers and bodies.
        app.UseExceptionHandler();
        app.UseCorrelationId();
        app.UseAuthentication();
        app.UseUnitFacts();
        app.UseAuthorization();
        app.UseRestInputCheck(); // after authorization: a caller who may not call learns nothing about the body

        app.MapGrpcHealthChecksService().AllowAnonymous();
        app.MapDefaultEndpoints();
        return app;
    }
}
