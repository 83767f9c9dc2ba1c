using OpenDay.Registrations.Extensions;
using OpenDay.Registrations.Grpc;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Platform.Data;
using OpenDay.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseOpenDayGrpcService();
app.MapOpenDayGrpcService<RegistrationsGrpcService>();
app.MapOpenDayGrpcService<PublicRegistrationsGrpcService>();
app.MapOpenDayGrpcService<EventChangeSinkGrpcService>();
app.MapOpenDayGrpcService<ParticipantCodesGrpcService>();
app.MapOpenDayGrpcService<RosterScoreFactsGrpcService>();

await app.MigrateDatabaseAsync<RegistrationsDbContext>();
app.Run();
