using Aspire.Hosting.ApplicationModel;

namespace OpenDay.AppHost.Infrastructure;

public static class OpenDayResourceExtensions
{
    public const string RealmPath = "/realms/openday";

    /// <summary>The realm's public URL, the token issuer every service validates: the gateway's origin + /realms/openday.</summary>
    public static ReferenceExpression RealmUrl<T>(this IResourceBuilder<T> gateway) where T : IResourceWithEndpoints =>
        ReferenceExpression.Create($"{gateway.GetEndpoint("http")}{RealmPath}");

    /// <summary>A gRPC service: its database, Redis, and the realm that issues its tokens.</summary>
    public static IResourceBuilder<T> WithOpenDayDependencies<T>(this IResourceBuilder<T> service,
        IResourceBuilder<IResourceWithConnectionString> database, IResourceBuilder<IResourceWithConnectionString> redis,
        ReferenceExpression realmUrl) where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        service.WithReference(database).WaitFor(database)
            .WithReference(redis).WaitFor(redis)
            .WithEnvironment("Keycloak__Authority", realmUrl);

    /// <summary>
    /// The units service, asked over gRPC about the caller's unit. Per request, never at start: the service starts
    /// beside it (the gateway, which waits for both, lets no request in before).
    /// </summary>
    public static IResourceBuilder<T> WithUnitDirectory<T>(this IResourceBuilder<T> service, IResourceBuilder<T> units)
        where T : class, IResourceWithEnvironment, IResourceWithWaitSupport, IResourceWithServiceDiscovery =>
        service.WithReference(units);

    /// <summary>
    /// <c>OpenDay:Environment:&lt;resource&gt;:&lt;VARIABLE&gt;</c>: more environment for one process, from configuration
    /// (e.g. eng/bench.sh raising the gateway's per-address rate limits: <c>RateLimits__SignUp__PermitLimit</c>).
    /// </summary>
    public static void AddConfiguredEnvironment(this IDistributedApplicationBuilder builder)
    {
        foreach (var section in builder.Configuration.GetSection("OpenDay:Environment").GetChildren())
        {
            var resource = builder.Resources.OfType<IResourceWithEnvironment>().SingleOrDefault(r => r.Name == section.Key)
                           ?? throw new InvalidOperationException($"OpenDay:Environment:{section.Key}: there is no process of that name.");
            var process = builder.CreateResourceBuilder(resource);
            foreach (var variable in section.GetChildren()) process.WithEnvironment(variable.Key, variable.Value ?? "");
        }
    }
}
