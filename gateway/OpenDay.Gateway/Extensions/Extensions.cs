using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.ServiceDefaults.Hosting;

namespace OpenDay.Gateway.Extensions;

internal static class Extensions
{
    /// <summary>Rate-limiter policy of the anonymous public API (<c>/api/v1/public/…</c>), per client address.</summary>
    public const string AnonymousPolicy = "anonymous";
    /// <summary>Rate-limiter policy of the identity provider's routes, per client address.</summary>
    public const string IdentityPolicy = "identity";
    /// <summary>Public sign-up and answers to invitations: a person submits a few, a script thousands.</summary>
    public const string SignUpPolicy = "sign-up";
    /// <summary>The public site's pages and assets (<c>/</c>), per client address: a page is several requests.</summary>
    public const string PortalPolicy = "portal";

    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.ConfigureServiceEndpoints();
        builder.AddKeycloakJwtBearer();
        builder.Services.AddProblemDetails();

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver();

        builder.Services.AddRateLimiter(options =>
        {
            AddPerClientPolicy(options, AnonymousPolicy, builder.Configuration.GetSection("RateLimits:Anonymous"));
            AddPerClientPolicy(options, IdentityPolicy, builder.Configuration.GetSection("RateLimits:Identity"));
            AddPerClientPolicy(options, SignUpPolicy, builder.Configuration.GetSection("RateLimits:SignUp"));
            AddPerClientPolicy(options, PortalPolicy, builder.Configuration.GetSection("RateLimits:Portal"));
            options.OnRejected = WriteTooManyRequests;
        });
    }

    private static void AddPerClientPolicy(RateLimiterOptions options, string name, IConfigurationSection settings)
    {
        var permitLimit = settings.GetValue("PermitLimit", 100);
        var window = TimeSpan.FromSeconds(settings.GetValue("WindowSeconds", 10));
        options.AddPolicy(name, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitLimit, Window = window, QueueLimit = 0 }));
    }

    private static async ValueTask WriteTooManyRequests(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? (int)Math.Ceiling(wait.TotalSeconds)
            : 1;
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(new ProblemDetails
        {
            Status = StatusCodes.Status429TooManyRequests,
            Title = "Too many requests",
            Detail = $"请求过于频繁，请 {retryAfter} 秒后再试。Too many requests from your address: retry after {retryAfter} seconds.",
            Extensions = { ["retryAfterSeconds"] = retryAfter, ["correlationId"] = http.Request.Headers[CorrelationId.HeaderName].ToString() },
        }, options: null, contentType: "application/problem+json", cancellationToken);
    }
}
