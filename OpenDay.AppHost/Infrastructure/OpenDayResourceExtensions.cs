using Aspire.Hosting.ApplicationModel;

namespace OpenDay.AppHost.Infrastructure;

public static class OpenDayResourceExtensions
{
    public const string RealmPath = "/realms/openday";

    /// <summary>
    /// An OpenDay process with two endpoints: <c>http</c> (HTTP/1.1: JSON, health) and <c>grpc</c> (HTTP/2 only:
    /// without TLS a port cannot offer both). The process reads their ports from HTTP_PORT and GRPC_PORT.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddOpenDayProject<TProject>(this IDistributedApplicationBuilder builder,
        string name, int? httpPort = null, int? grpcPort = null) where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(name: "http", port: httpPort, env: "HTTP_PORT")
            .WithHttpEndpoint(name: "grpc", port: grpcPort, env: "GRPC_PORT")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health", endpointName: "http");

    /// <summary>An OpenDay web app: one HTTP/1.1 endpoint (pages, health) that the gateway proxies; it serves no gRPC.</summary>
    public static IResourceBuilder<ProjectResource> AddOpenDayWebApp<TProject>(this IDistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(name: "http", env: "HTTP_PORT")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health", endpointName: "http");

    /// <summary>The realm's public URL, the token issuer every service validates: the gateway's origin + /realms/openday.</summary>
    public static ReferenceExpression RealmUrl(this IResourceBuilder<ProjectResource> gateway) =>
        ReferenceExpression.Create($"{gateway.GetEndpoint("http")}{RealmPath}");

    /// <summary>A gRPC service: its database, Redis, and the realm that issues its tokens.</summary>
    public static IResourceBuilder<ProjectResource> WithOpenDayDependencies(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<IResourceWithConnectionString> redis,
        ReferenceExpression realmUrl) =>
        service.WithReference(database).WaitFor(database)
            .WithReference(redis).WaitFor(redis)
            .WithEnvironment("Keycloak__Authority", realmUrl);

    /// <summary>The units service, asked over gRPC about the caller's unit.</summary>
    public static IResourceBuilder<ProjectResource> WithUnitDirectory(this IResourceBuilder<ProjectResource> service,
        IResourceBuilder<ProjectResource> units) =>
        service.WithReference(units).WaitFor(units);
}
