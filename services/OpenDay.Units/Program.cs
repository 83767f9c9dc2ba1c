using OpenDay.Platform.Data;
using OpenDay.Platform.Hosting;
using OpenDay.Units.Extensions;
using OpenDay.Units.Grpc;
using OpenDay.Units.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseOpenDayGrpcService();
app.MapOpenDayGrpcService<UnitsGrpcService>();
app.MapOpenDayGrpcService<UnitDirectoryGrpcService>();

await app.MigrateDatabaseAsync<UnitsDbContext>();
app.Run();
