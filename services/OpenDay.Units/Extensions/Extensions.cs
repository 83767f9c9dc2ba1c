using OpenDay.ServiceDefaults.Hosting;
using OpenDay.ServiceDefaults.Tenancy;
using OpenDay.Units.Infrastructure;

namespace OpenDay.Units.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddOpenDayGrpcService<IHostApplicationBuilder, UnitsDbContext>("unitsdb");
        builder.AddUnitFactsCache();
    }
}
