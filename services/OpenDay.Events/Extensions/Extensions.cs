using OpenDay.Platform.Grpc;
using OpenDay.Units.V1;
using OpenDay.Events.Infrastructure;
using OpenDay.Events.Infrastructure.Outbox;
using OpenDay.Registrations.V1;
using OpenDay.Platform.ServiceAccounts;
using OpenDay.Platform.Hosting;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Events.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddOpenDayGrpcService<IHostApplicationBuilder, EventsDbContext>("eventsdb");
        builder.Services.AddSingleton<PublicUnitList>();
        builder.AddUnitDirectoryClient();
        builder.AddOpenDayGrpcClient<UnitsService.UnitsServiceClient>("units");
        // The confirmed roster's size before an event's capacity is lowered, asked with the caller's token.
        builder.AddOpenDayGrpcClient<RegistrationsService.RegistrationsServiceClient>("registrations");
        // The outbox of event changes, delivered to registrations as the events service itself.
        builder.AddServiceAccountGrpcClient<EventChangeSink.EventChangeSinkClient>("registrations");
        builder.Services.AddHostedService<EventChangeDispatcher>();
    }
}
