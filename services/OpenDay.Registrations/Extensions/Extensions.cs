using OpenDay.Events.V1;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Hosting;
using OpenDay.Platform.PersonalData;
using OpenDay.Registrations.PersonalData;
using OpenDay.Platform.Tenancy;
using OpenDay.Shared;

namespace OpenDay.Registrations.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddOpenDayGrpcService<IHostApplicationBuilder, RegistrationsDbContext>("registrationsdb");
        builder.AddUnitDirectoryClient();
        builder.AddPersonalDataProtection();
        builder.Services.AddScoped<RosterLedger>();
        builder.Services.AddMemoryCache();
        // Asked only when staff name an event that has not arrived from the events outbox yet.
        builder.AddOpenDayGrpcClient<EventsService.EventsServiceClient>("events");
        builder.Services.AddScoped<EventOwnership>();
    }
}
