using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OpenDay.ServiceDefaults.Hosting;

/// <summary>
/// One id per user request, from the gateway to every service it reaches: in the request and response
/// header <c>X-Correlation-Id</c>, as a tag on the trace and in every log scope.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    public const string TagName = "openday.correlation_id";

    /// <summary>Takes the caller's id when it is well formed, else makes one.</summary>
    public static string Resolve(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        return IsWellFormed(incoming) ? incoming : Guid.NewGuid().ToString("N");
    }

    // Short ASCII ids only: a header value is echoed into logs and responses.
    private static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var id = Resolve(context);
        context.Request.Headers[HeaderName] = id;
        // Behind the gateway the service has set it already; a proxied response must not carry it twice.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers.TryAdd(HeaderName, id);
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag(TagName, id);
        var logger = context.RequestServices.GetService(typeof(ILogger<CorrelationIdLogScope>)) as ILogger;
        using (logger?.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    });

    /// <summary>Category of the logger that opens the correlation scope.</summary>
    public sealed class CorrelationIdLogScope;
}
