using System.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace OpenDay.AppHost.Infrastructure;

public enum InfrastructureMode
{
    /// <summary>Aspire's PostgreSQL and Redis containers and a real Keycloak container.</summary>
    Containers,
    /// <summary>PostgreSQL and Redis as local processes, and the Keycloak-compatible identity project.</summary>
    Local,
}

/// <summary>How OpenDay's own processes run (see <see cref="IOpenDayProcesses{TProcess}"/>).</summary>
public enum RunProfile
{
    /// <summary>Debug builds through `dotnet run`, every port behind the orchestrator's proxy, every request traced (eng/start.sh, the tests).</summary>
    Development,
    /// <summary>Release builds as plain processes on their own ports, traces sampled, metrics exported every half minute (eng/bench.sh).</summary>
    Production,
}

/// <summary>
/// The AppHost's own settings (section <c>OpenDay</c>; also <c>OPENDAY_*</c> environment variables):
/// <list type="bullet">
/// <item><c>Infrastructure</c>: <c>auto</c> (containers when a container runtime answers), <c>containers</c> or <c>local</c>.</item>
/// <item><c>IdentityProvider</c>: <c>keycloak</c> or <c>builtin</c>; by default Keycloak with containers, builtin without.</item>
/// <item><c>StateDirectory</c>: where local mode keeps PostgreSQL, Redis and the signing keys (default <c>.state/</c> at the repository root).</item>
/// <item><c>GatewayPort</c>, <c>GatewayGrpcPort</c>: fixed public ports, or <c>random</c>.</item>
/// <item><c>Profile</c>: <c>development</c> (default) or <c>production</c>; with production, <c>TraceSampleRatio</c>
/// (default 0.01: the share of requests the gateway starts a trace for, which every service then follows) and
/// <c>MetricExportIntervalSeconds</c> (default 30).</item>
/// </list>
/// </summary>
public sealed record OpenDaySettings(
    InfrastructureMode Mode,
    bool UseKeycloak,
    string StateDirectory,
    int? GatewayPort,
    int? GatewayGrpcPort,
    RunProfile Profile = RunProfile.Development,
    double TraceSampleRatio = 1.0,
    int MetricExportIntervalSeconds = 5)
{
    public static OpenDaySettings From(IConfiguration configuration, string appHostDirectory)
    {
        var section = configuration.GetSection("OpenDay");
        var mode = (section["Infrastructure"] ?? configuration["OPENDAY_INFRASTRUCTURE"] ?? "auto").ToLowerInvariant() switch
        {
            "containers" => InfrastructureMode.Containers,
            "local" => InfrastructureMode.Local,
            "auto" => ContainerRuntimeAnswers() ? InfrastructureMode.Containers : InfrastructureMode.Local,
            var other => throw new InvalidOperationException($"OpenDay:Infrastructure must be auto, containers or local, not '{other}'."),
        };
        var identity = (section["IdentityProvider"] ?? configuration["OPENDAY_IDENTITY_PROVIDER"])?.ToLowerInvariant();
        var useKeycloak = identity switch
        {
            null or "" => mode == InfrastructureMode.Containers,
            "keycloak" => true,
            "builtin" => false,
            var other => throw new InvalidOperationException($"OpenDay:IdentityProvider must be keycloak or builtin, not '{other}'."),
        };
        var state = section["StateDirectory"] ?? configuration["OPENDAY_STATE_DIRECTORY"]
                    ?? Path.Combine(appHostDirectory, "..", ".state");
        var profile = (section["Profile"] ?? configuration["OPENDAY_PROFILE"] ?? "development").ToLowerInvariant() switch
        {
            "development" => RunProfile.Development,
            "production" => RunProfile.Production,
            var other => throw new InvalidOperationException($"OpenDay:Profile must be development or production, not '{other}'."),
        };
        var production = profile == RunProfile.Production;
        var ratio = section.GetValue("TraceSampleRatio", production ? 0.01 : 1.0);
        if (ratio is < 0 or > 1) throw new InvalidOperationException($"OpenDay:TraceSampleRatio must be between 0 and 1, not {ratio}.");
        var interval = section.GetValue("MetricExportIntervalSeconds", production ? 30 : 5);
        if (interval < 1) throw new InvalidOperationException($"OpenDay:MetricExportIntervalSeconds must be at least 1, not {interval}.");
        return new OpenDaySettings(mode, useKeycloak, Path.GetFullPath(state),
            Port(section["GatewayPort"]), Port(section["GatewayGrpcPort"]), profile, ratio, interval);
    }

    private static int? Port(string? value) => int.TryParse(value, out var port) ? port : null;

    /// <summary>`docker info` succeeds only when an engine runs; the client alone is not enough.</summary>
    private static bool ContainerRuntimeAnswers()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("docker", "info")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            if (process is null) return false;
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false; // no docker client at all
        }
    }
}
