using Microsoft.AspNetCore.HttpOverrides;
using OpenDay.Events.V1;
using OpenDay.Portal.Api;
using OpenDay.Portal.Console;
using OpenDay.Registrations.V1;
using OpenDay.ServiceDefaults.Hosting;
using OpenDay.Units.V1;

namespace OpenDay.Portal.Extensions;

internal static class Extensions
{
    public static void AddPortal(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.ConfigureServiceEndpoints();

        // The public pages are static server-side rendering: plain HTML and forms (enhanced by blazor.web.js when it
        // loads), so they work without WebSockets, behind any proxy, and can be cached. Only the staff console under
        // /console is interactive (a server circuit): its tables sort and page, its dialogs confirm.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // BootstrapBlazor's own words (pager, confirmations) in Simplified Chinese, whatever the server's locale.
        builder.Services.AddBootstrapBlazor(options =>
        {
            options.DefaultCultureInfo = "zh-CN";
            options.FallbackCulture = "zh-CN";
        });
        builder.AddConsole();
        builder.Services.AddMemoryCache();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);

        // The services' gRPC endpoints, found by service discovery. Anonymous: the portal calls only public RPCs and
        // has no token of its own to pass on.
        builder.Services.AddGrpcClient<EventsService.EventsServiceClient>(o => o.Address = new Uri("http://_grpc.events"));
        builder.Services.AddGrpcClient<UnitsService.UnitsServiceClient>(o => o.Address = new Uri("http://_grpc.units"));
        builder.Services.AddGrpcClient<PublicRegistrations.PublicRegistrationsClient>(o => o.Address = new Uri("http://_grpc.registrations"));
        builder.Services.AddScoped<PublicApi>();

        // The gateway is the one public origin: links in feeds and QR codes must name it, not the portal's own port.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto);
    }
}
