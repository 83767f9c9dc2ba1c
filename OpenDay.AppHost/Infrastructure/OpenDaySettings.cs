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

/// <summary>
/// The AppHost's own settings (section <c>OpenDay</c>; also <c>OPENDAY_*</c> environment variables):
/// <list type="bullet">
/// <item><c>Infrastructure</c>: <c>auto</c> (containers when a container runtime answers), <c>containers</c> or <c>local</c>.</item>
/// <item><c>IdentityProvider</c>: <c>keycloak</c> or <c>builtin</c>; by default Keycloak with containers, builtin without.</item>
/// <item><c>StateDirectory</c>: where local mode keeps PostgreSQL, Redis and the signing keys (default <c>.state/</c> at the repository root).</item>
/// <item><c>GatewayPort</c>, <c>GatewayGrpcPort</c>: fixed public ports, or <c>random</c>.</item>
/// </list>
/// </summary>
public sealed record OpenDaySettings(
    InfrastructureMode Mode,
    bool UseKeycloak,
    string StateDirectory,
    int? GatewayPort,
    int? GatewayGrpcPort)
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
        return new OpenDaySettings(mode, useKeycloak, Path.GetFullPath(state),
            Port(section["GatewayPort"]), Port(section["GatewayGrpcPort"]));
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
