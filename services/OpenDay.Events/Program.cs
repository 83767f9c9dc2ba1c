using OpenDay.Events.Extensions;
using OpenDay.Events.Grpc;
using OpenDay.Events.Infrastructure;
using OpenDay.Platform.Data;
using OpenDay.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseOpenDayGrpcService();
app.MapOpenDayGrpcService<EventsGrpcService>();
app.MapOpenDayGrpcService<EventReportSinkGrpcService>();
app.MapOpenDayGrpcService<EventScoreFactsGrpcService>();

await app.MigrateDatabaseAsync<EventsDbContext>(CalendarSeed.AddMissingOfficialYearsAsync);
app.Run();
