using Aspire.Hosting.ApplicationModel;
using OpenDay.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);
var settings = OpenDaySettings.From(builder.Configuration, builder.AppHostDirectory);

// The same system in either profile; only how its processes run differs (see OpenDayProcesses.cs).
if (settings.Profile == RunProfile.Production) AddOpenDay(new ReleaseBuilds(builder, settings));
else AddOpenDay(new DevelopmentProjects(builder));
builder.Build().Run();

void AddOpenDay<T>(IOpenDayProcesses<T> processes) where T : class, IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithServiceDiscovery
{
    // Infrastructure: PostgreSQL (a database per service) and Redis.
    var infrastructure = builder.AddOpenDayInfrastructure(settings);

    // The gateway: the one public entry, and the origin of the realm's public URL.
    var gateway = processes.Service<Projects.OpenDay_Gateway>("gateway", settings.GatewayPort, settings.GatewayGrpcPort)
        .WithExternalHttpEndpoints();
    var realmUrl = gateway.RealmUrl();

    // Single sign-on: Keycloak, or its compatible stand-in where no container runtime exists.
    var identity = builder.AddIdentityProvider(settings, infrastructure, gateway, processes);

    // The four gRPC services, each with its own database. They start together once their database and Redis are up:
    // none needs another to start (they call each other per request, and the outboxes retry until delivered), and the
    // gateway, the one door, waits for all of them. The units service is also the unit directory the others
    // ask about the caller's unit (cached in Redis); participants and opinions hang off events the events service owns.
    var units = processes.Service<Projects.OpenDay_Units>("units")
        .WithOpenDayDependencies(infrastructure.UnitsDb, infrastructure.Redis, realmUrl)
        .WithServiceAccount(identity, "openday-units");
    var events = processes.Service<Projects.OpenDay_Events>("events")
        .WithOpenDayDependencies(infrastructure.EventsDb, infrastructure.Redis, realmUrl)
        .WithUnitDirectory(units)
        .WithServiceAccount(identity, "openday-events");
    var registrations = processes.Service<Projects.OpenDay_Registrations>("registrations")
        .WithOpenDayDependencies(infrastructure.RegistrationsDb, infrastructure.Redis, realmUrl)
        .WithUnitDirectory(units)
        .WithPersonalDataKeys(settings)
        .WithReference(events);
    // Every event change reaches registrations from the events outbox, delivered until acknowledged: no WaitFor, events
    // keeps working (and keeps the changes) while registrations is down.
    events.WithReference(registrations);
    // Assessment reads events (ownership, campaign, calendar) and attendance from registrations with the caller's token;
    // a published report reaches events through its outbox, as its own account: events may be down at that moment.
    // A questionnaire answer's code is checked with registrations as that account too (the answerer has no token), and
    // the year-end score's facts are gathered from events and registrations as that account.
    var assessment = processes.Service<Projects.OpenDay_Assessment>("assessment")
        .WithOpenDayDependencies(infrastructure.AssessmentDb, infrastructure.Redis, realmUrl)
        .WithUnitDirectory(units)
        .WithReference(events)
        .WithReference(registrations)
        .WithAnswerCodeKey(settings)
        .WithServiceAccount(identity, "openday-assessment");

    // The public "政府开放日" site: pages and feeds over the services' anonymous public RPCs (never their databases),
    // served by the gateway at / behind the API, gRPC and realm routes.
    // The staff console (/console) lives in the same app: it signs staff in through the realm (its public client, via the
    // gateway), keeps their sessions in Redis and calls the services with their tokens.
    var portal = processes.WebApp<Projects.OpenDay_Portal>("portal")
        .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis)
        .WithEnvironment("Keycloak__Authority", realmUrl)
        .WithReference(units)
        .WithReference(events)
        .WithReference(registrations)
        .WithReference(assessment);

    // The gateway routes to all of them.
    gateway
        .WithEnvironment("Keycloak__Authority", realmUrl)
        .WithReference(identity.GetEndpoint("http")).WaitFor(identity)
        .WithReference(units).WaitFor(units)
        .WithReference(events).WaitFor(events)
        .WithReference(registrations).WaitFor(registrations)
        .WithReference(assessment).WaitFor(assessment)
        .WithReference(portal).WaitFor(portal);

    // Every process above is restarted if it dies without being asked to stop (in containers mode too).
    builder.AddResourceSupervision();

    builder.AddConfiguredEnvironment();
    builder.AddDevelopmentBanner(settings, gateway);
}
