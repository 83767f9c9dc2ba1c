using OpenDay.Assessment.Extensions;
using OpenDay.Assessment.Grpc;
using OpenDay.Assessment.Infrastructure;
using OpenDay.ServiceDefaults.Data;
using OpenDay.ServiceDefaults.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseOpenDayGrpcService();
app.MapGrpcService<AssessmentGrpcService>();

await app.MigrateDatabaseAsync<AssessmentDbContext>();
app.Run();
