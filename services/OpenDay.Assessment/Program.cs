using OpenDay.Assessment.Extensions;
using OpenDay.Assessment.Grpc;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Platform.Data;
using OpenDay.Platform.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseOpenDayGrpcService();
app.MapOpenDayGrpcService<AssessmentGrpcService>();

await app.MigrateDatabaseAsync<AssessmentDbContext>();
app.Run();
