using Aspire.Hosting.ApplicationModel;

namespace OpenDay.AppHost.Infrastructure;

public static class IdentityProviderExtensions
{
    public const string RealmFile = "keycloak/openday-realm.json";

    /// <summary>
    /// The identity provider, reached by the gateway as <c>identity</c>: a real Keycloak container importing the realm
    /// file, or the Keycloak-compatible OpenIddict project seeded from the same file. Both issue tokens whose issuer is
    /// the realm's public URL (behind the gateway), so switching is configuration only.
    /// </summary>
    public static IResourceBuilder<IResourceWithEndpoints> AddIdentityProvider<T>(this IDistributedApplicationBuilder builder,
        OpenDaySettings settings, OpenDayInfrastructure infrastructure, IResourceBuilder<T> gateway, IOpenDayProcesses<T> processes)
        where T : class, IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithServiceDiscovery
    {
        var realmFile = Path.Combine(builder.AppHostDirectory, RealmFile);
        if (settings.UseKeycloak)
        {
            return builder.AddContainer("identity", "quay.io/keycloak/keycloak", "26.4")
                .WithArgs("start-dev", "--import-realm")
                .WithBindMount(Path.GetDirectoryName(realmFile)!, "/opt/keycloak/data/import", isReadOnly: true)
                .WithHttpEndpoint(name: "http", targetPort: 8080)
                .WithHttpEndpoint(name: "management", targetPort: 9000)
                .WithEnvironment("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
                .WithEnvironment("KC_BOOTSTRAP_ADMIN_PASSWORD", "dev-only-admin")
                .WithEnvironment("KC_HEALTH_ENABLED", "true")
                .WithEnvironment("KC_HTTP_ENABLED", "true")
                .WithEnvironment("KC_PROXY_HEADERS", "xforwarded")
                // Tokens name the public URL; services inside may still fetch keys directly.
                .WithEnvironment("KC_HOSTNAME", ReferenceExpression.Create($"{gateway.GetEndpoint("http")}"))
                .WithEnvironment("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true")
                .WithHttpHealthCheck("/health/ready", endpointName: "management");
        }

        var identity = processes.WebApp<Projects.OpenDay_Identity>("identity")
            .WithReference(infrastructure.IdentityDb).WaitFor(infrastructure.IdentityDb)
            .WithEnvironment("Identity__Issuer", gateway.RealmUrl())
            .WithEnvironment("Identity__RealmFile", realmFile)
            .WithEnvironment("Identity__KeyDirectory", Path.Combine(settings.StateDirectory, "identity-keys"));
        return (IResourceBuilder<IResourceWithEndpoints>)identity;
    }

    /// <summary>
    /// The service calls as itself (client credentials of its own client, <paramref name="clientId"/>; the secret is the
    /// parameter <c>{clientId}-secret</c>): the units service to assign staff through the admin API, the events service
    /// to deliver its outbox.
    /// </summary>
    public static IResourceBuilder<T> WithServiceAccount<T>(this IResourceBuilder<T> service,
        IResourceBuilder<IResourceWithEndpoints> identity, string clientId) where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        var secret = service.ApplicationBuilder.AddParameter($"{clientId}-secret", secret: true);
        // Its token is fetched at the first call that needs it (the outboxes retry until then), not at start.
        return service.WithReference(identity.GetEndpoint("http"))
            .WithEnvironment("ServiceAccount__ClientId", clientId)
            .WithEnvironment("ServiceAccount__ClientSecret", secret);
    }
}
