using OpenDay.AppHost.Infrastructure;

var builder = DistributedApplication.CreateBuilder(args);
var settings = OpenDaySettings.From(builder.Configuration, builder.AppHostDirectory);

// Infrastructure: PostgreSQL (a database per service) and Redis.
var infrastructure = builder.AddOpenDayInfrastructure(settings);

// The gateway: the one public entry, and the origin of the realm's public URL.
var gateway = builder.AddOpenDayProject<Projects.OpenDay_Gateway>("gateway", settings.GatewayPort, settings.GatewayGrpcPort)
    .WithExternalHttpEndpoints();
var realmUrl = gateway.RealmUrl();

// Single sign-on: Keycloak, or its compatible stand-in where no container runtime exists.
var identity = builder.AddIdentityProvider(settings, infrastructure, gateway);

// The four gRPC services, each with its own database.
var units = builder.AddOpenDayProject<Projects.OpenDay_Units>("units")
    .WithOpenDayDependencies(infrastructure.UnitsDb, realmUrl)
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis);
var events = builder.AddOpenDayProject<Projects.OpenDay_Events>("events")
    .WithOpenDayDependencies(infrastructure.EventsDb, realmUrl)
    .WithReference(infrastructure.Redis).WaitFor(infrastructure.Redis);
var registrations = builder.AddOpenDayProject<Projects.OpenDay_Registrations>("registrations")
    .WithOpenDayDependencies(infrastructure.RegistrationsDb, realmUrl);
var assessment = builder.AddOpenDayProject<Projects.OpenDay_Assessment>("assessment")
    .WithOpenDayDependencies(infrastructure.AssessmentDb, realmUrl);

// The gateway routes to all of them.
gateway
    .WithEnvironment("Keycloak__Authority", realmUrl)
    .WithReference(identity.GetEndpoint("http")).WaitFor(identity)
    .WithReference(units).WaitFor(units)
    .WithReference(events).WaitFor(events)
    .WithReference(registrations).WaitFor(registrations)
    .WithReference(assessment).WaitFor(assessment);

builder.AddDevelopmentBanner(settings, gateway);
builder.Build().Run();
