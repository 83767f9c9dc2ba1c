using Aspire.Hosting.ApplicationModel;

namespace OpenDay.AppHost.Infrastructure;

/// <summary>
/// How the AppHost starts OpenDay's own processes, one implementation per profile: the developer profile runs each
/// project through the orchestrator (Debug build, `dotnet run`, every port behind the orchestrator's proxy); the
/// production profile runs each project's Release build as a plain process on ports it is given directly.
/// </summary>
public interface IOpenDayProcesses<TProcess> where TProcess : class, IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithServiceDiscovery
{
    /// <summary>
    /// An OpenDay process with two endpoints: <c>http</c> (HTTP/1.1: JSON, health) and <c>grpc</c> (HTTP/2 only:
    /// without TLS a port cannot offer both). The process reads their ports from HTTP_PORT and GRPC_PORT.
    /// </summary>
    IResourceBuilder<TProcess> Service<TProject>(string name, int? httpPort = null, int? grpcPort = null) where TProject : IProjectMetadata, new();

    /// <summary>An OpenDay web app: one HTTP/1.1 endpoint (pages, health; port in HTTP_PORT); it serves no gRPC.</summary>
    IResourceBuilder<TProcess> WebApp<TProject>(string name) where TProject : IProjectMetadata, new();
}

/// <summary>The developer profile: Aspire project resources (Debug, `dotnet run`, proxied ports, full traces).</summary>
public sealed class DevelopmentProjects(IDistributedApplicationBuilder builder) : IOpenDayProcesses<ProjectResource>
{
    public IResourceBuilder<ProjectResource> Service<TProject>(string name, int? httpPort = null, int? grpcPort = null)
        where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(name: "http", port: httpPort, env: "HTTP_PORT")
            .WithHttpEndpoint(name: "grpc", port: grpcPort, env: "GRPC_PORT")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health", endpointName: "http");

    public IResourceBuilder<ProjectResource> WebApp<TProject>(string name) where TProject : IProjectMetadata, new() =>
        builder.AddProject<TProject>(name, options => options.ExcludeLaunchProfile = true)
            .WithHttpEndpoint(name: "http", env: "HTTP_PORT")
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithHttpHealthCheck("/health", endpointName: "http");
}

/// <summary>A project's Release build run as one plain process (<c>dotnet &lt;assembly&gt;</c>), found by service discovery like a project.</summary>
public sealed class ReleaseBuildResource(string name, string workingDirectory)
    : ExecutableResource(name, "dotnet", workingDirectory), IResourceWithServiceDiscovery;

/// <summary>
/// The production profile: each project's Release build (<c>bin/Release/&lt;tfm&gt;</c>, built beforehand: the AppHost
/// builds nothing) started as one process, no `dotnet run` wrapper beside it; its ports are its own, not the
/// orchestrator's proxy's (no service runs replicas); traces sampled and metrics exported at the profile's pace.
/// </summary>
public sealed class ReleaseBuilds(IDistributedApplicationBuilder builder, OpenDaySettings settings) : IOpenDayProcesses<ReleaseBuildResource>
{
    public IResourceBuilder<ReleaseBuildResource> Service<TProject>(string name, int? httpPort = null, int? grpcPort = null)
        where TProject : IProjectMetadata, new() =>
        Process<TProject>(name)
            .WithHttpEndpoint(name: "http", port: httpPort, targetPort: httpPort, env: "HTTP_PORT", isProxied: false)
            .WithHttpEndpoint(name: "grpc", port: grpcPort, targetPort: grpcPort, env: "GRPC_PORT", isProxied: false)
            .WithHttpHealthCheck("/health", endpointName: "http");

    public IResourceBuilder<ReleaseBuildResource> WebApp<TProject>(string name) where TProject : IProjectMetadata, new() =>
        Process<TProject>(name)
            .WithHttpEndpoint(name: "http", env: "HTTP_PORT", isProxied: false)
            .WithHttpHealthCheck("/health", endpointName: "http");

    private IResourceBuilder<ReleaseBuildResource> Process<TProject>(string name) where TProject : IProjectMetadata, new()
    {
        var project = new TProject().ProjectPath;
        var directory = Path.GetDirectoryName(project)!;
        // The AppHost's own target framework folder (net10.0): the services are built for the same one.
        var framework = Path.GetFileName(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var assembly = Path.Combine(directory, "bin", "Release", framework, Path.GetFileNameWithoutExtension(project) + ".dll");
        if (!File.Exists(assembly))
        {
            throw new InvalidOperationException(
                $"The production profile runs Release builds and {assembly} is missing: build first (dotnet build OpenDay.AppHost -c Release).");
        }
        return builder.AddResource(new ReleaseBuildResource(name, directory))
            .WithArgs(assembly)
            .WithOtlpExporter()
            .WithEnvironment("ASPNETCORE_ENVIRONMENT", builder.Environment.EnvironmentName)
            .WithEnvironment("Telemetry__TraceSampleRatio", settings.TraceSampleRatio.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithEnvironment("Telemetry__MetricExportIntervalSeconds", settings.MetricExportIntervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
