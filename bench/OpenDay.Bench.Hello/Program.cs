// A bare Kestrel hello-world: what one ASP.NET Core process on this machine answers at most, for the benchmark's ratio.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "hello");
app.Run();
