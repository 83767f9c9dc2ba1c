using System.Globalization;
using Microsoft.AspNetCore.Localization;
using OpenDay.Portal.Components;
using OpenDay.Portal.Console;
using OpenDay.Portal.Extensions;
using OpenDay.Portal.Feeds;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();

var app = builder.Build();
app.UseForwardedHeaders();
app.UseExceptionHandler("/error", createScopeForErrors: true);
// An unknown address gets the site's own 404 page, with the 404 status.
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
// Component libraries read the UI culture: Simplified Chinese. Formatting keeps the server's culture (the pages format
// dates and numbers explicitly, ChinaDates).
var chineseUi = new CultureInfo("zh-CN");
app.UseRequestLocalization(new RequestLocalizationOptions
{
    DefaultRequestCulture = new RequestCulture(CultureInfo.CurrentCulture, chineseUi),
    SupportedCultures = [CultureInfo.CurrentCulture],
    SupportedUICultures = [chineseUi],
    RequestCultureProviders = [],
});
app.UseConsoleNoStore();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapFeeds();
app.MapConsole();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.Run();

