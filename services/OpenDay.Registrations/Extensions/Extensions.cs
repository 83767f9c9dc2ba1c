using OpenDay.Events.V1;
using OpenDay.ServiceDefaults.Grpc;
using OpenDay.Shared;
using OpenDay.Registrations.Infrastructure;
using OpenDay.ServiceDefaults.Hosting;
using OpenDay.ServiceDefaults.Tenancy;

namespace OpenDay.Registrations.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddOpenDayGrpcService<IHostApplicationBuilder, RegistrationsDbContext>("registrationsdb");
        builder.AddUnitDirectoryClient();
        builder.AddOpenDayGrpcClient<EventsService.EventsServiceClient>("events");
        builder.Services.AddScoped<EventOwnership>();
    }
}
