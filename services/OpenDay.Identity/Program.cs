using OpenDay.Identity.Endpoints;
using OpenDay.Identity.Extensions;
using OpenDay.Identity.Infrastructure;
using OpenDay.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddApplicationServices();

var app = builder.Build();
app.UseExceptionHandler();
app.UseForwardedHeaders();
app.UsePathBase(OidcEndpoints.RealmPath);
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapOidcEndpoints();
app.MapLoginPage();
app.MapAdminEndpoints();

await app.MigrateDatabaseAsync<IdentityStoreDbContext>();
await app.SeedRealmAsync();
app.Run();
