using OpenDay.Platform.ServiceAccounts;
using OpenDay.Platform.Hosting;
using OpenDay.Platform.Tenancy;
using OpenDay.Units.Infrastructure;

namespace OpenDay.Units.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddOpenDayGrpcService<IHostApplicationBuilder, UnitsDbContext>("unitsdb");
        builder.AddUnitFactsCache();
        // The identity provider's admin API (Keycloak's, or the built-in one's), reached inside the app host as the units service itself.
        builder.AddServiceAccountTokens();
        builder.Services.AddHttpClient<KeycloakAdminClient>(http => http.BaseAddress = new Uri("http://identity"));
    }
}
