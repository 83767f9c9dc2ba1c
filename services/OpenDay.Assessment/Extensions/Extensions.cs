using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Shared;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Platform.Hosting;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Assessment.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddOpenDayGrpcService<IHostApplicationBuilder, AssessmentDbContext>("assessmentdb");
        builder.AddUnitDirectoryClient();
        builder.AddOpenDayGrpcClient<EventsService.EventsServiceClient>("events");
        builder.Services.AddScoped<EventOwnership>();
    }
}
