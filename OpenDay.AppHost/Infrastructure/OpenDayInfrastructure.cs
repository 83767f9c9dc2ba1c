using Aspire.Hosting.ApplicationModel;

namespace OpenDay.AppHost.Infrastructure;

/// <summary>What the services connect to; they see only connection strings, whatever the mode.</summary>
public sealed record OpenDayInfrastructure(
    IResourceBuilder<IResourceWithConnectionString> UnitsDb,
    IResourceBuilder<IResourceWithConnectionString> EventsDb,
    IResourceBuilder<IResourceWithConnectionString> RegistrationsDb,
    IResourceBuilder<IResourceWithConnectionString> AssessmentDb,
    IResourceBuilder<IResourceWithConnectionString> IdentityDb,
    IResourceBuilder<IResourceWithConnectionString> Redis);

public static class OpenDayInfrastructureExtensions
{
    /// <summary>PostgreSQL (one database per service) and Redis: containers where a runtime answers, else local processes.</summary>
    public static OpenDayInfrastructure AddOpenDayInfrastructure(this IDistributedApplicationBuilder builder, OpenDaySettings settings)
    {
        if (settings.Mode == InfrastructureMode.Containers)
        {
            var postgres = builder.AddPostgres("postgres").WithDataVolume("openday-postgres");
            var redis = builder.AddRedis("redis").WithDataVolume("openday-redis");
            return new OpenDayInfrastructure(
                postgres.AddDatabase("unitsdb"), postgres.AddDatabase("eventsdb"), postgres.AddDatabase("registrationsdb"),
                postgres.AddDatabase("assessmentdb"), postgres.AddDatabase("identitydb"), redis);
        }

        // Both profiles reach them directly (see LocalProcess.FreeLoopbackPort): a dead server refuses at once instead of
        // hanging behind the orchestrator's proxy, and pgbench through the proxy loses about a fifth.
        var localPostgres = builder.AddLocalPostgres("postgres", settings.StateDirectory);
        var localRedis = builder.AddLocalRedis("redis", settings.StateDirectory);
        return new OpenDayInfrastructure(
            localPostgres.AddDatabase("unitsdb"), localPostgres.AddDatabase("eventsdb"), localPostgres.AddDatabase("registrationsdb"),
            localPostgres.AddDatabase("assessmentdb"), localPostgres.AddDatabase("identitydb"), localRedis);
    }
}
