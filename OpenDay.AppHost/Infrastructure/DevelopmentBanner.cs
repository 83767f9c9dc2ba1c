using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Text.Json.Nodes;

namespace OpenDay.AppHost.Infrastructure;

public static class DevelopmentBannerExtensions
{
    /// <summary>Once everything is created: where the dashboard and the gateway are, and who can sign in.</summary>
    public static void AddDevelopmentBanner(this IDistributedApplicationBuilder builder, OpenDaySettings settings,
        IResourceBuilder<IResourceWithEndpoints> gateway)
    {
        var realmFile = Path.Combine(builder.AppHostDirectory, IdentityProviderExtensions.RealmFile);
        builder.Eventing.Subscribe<AfterResourcesCreatedEvent>((@event, _) =>
        {
            var logger = @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenDay");
            var banner = new StringBuilder()
                .AppendLine()
                .AppendLine("OpenDay 政府开放日 is starting")
                .AppendLine($"  Dashboard:  {builder.Configuration["ASPNETCORE_URLS"]?.Split(';')[0] ?? "(disabled)"}")
                .AppendLine($"  Portal:     {gateway.GetEndpoint("http").Url}/  (政府开放日, the public site)")
                .AppendLine($"  Gateway:    {gateway.GetEndpoint("http").Url}  (REST, sign-in)   gRPC: {gateway.GetEndpoint("grpc").Url}")
                .AppendLine($"  Realm:      {gateway.GetEndpoint("http").Url}{OpenDayResourceExtensions.RealmPath}")
                .AppendLine($"  Mode:       {settings.Mode}, identity: {(settings.UseKeycloak ? "Keycloak" : "built-in (Keycloak-compatible)")}, state: {settings.StateDirectory}")
                .AppendLine($"  Profile:    {settings.Profile}" + (settings.Profile == RunProfile.Production
                    ? $" (Release builds, traces sampled at {settings.TraceSampleRatio}, metrics every {settings.MetricExportIntervalSeconds} s)"
                    : " (Debug builds, every request traced)"))
                .AppendLine("  Dev users (DEV ONLY password from the realm file: dev-only-password):");
            var users = JsonNode.Parse(File.ReadAllText(realmFile))?["users"]?.AsArray() ?? [];
            foreach (var user in users.Where(u => u?["serviceAccountClientId"] is null))
            {
                banner.AppendLine($"    {user!["username"],-20} {string.Join(",", user["realmRoles"]!.AsArray()),-18} tenant={user["attributes"]?["tenant"]?[0]}");
            }
            banner.AppendLine("  Token for scripts: POST {realm}/protocol/openid-connect/token grant_type=password client_id=openday-cli client_secret=dev-only-cli-secret");
            logger.LogInformation("{Banner}", banner.ToString());
            return Task.CompletedTask;
        });
    }
}
