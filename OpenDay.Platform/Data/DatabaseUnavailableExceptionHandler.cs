using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace OpenDay.Platform.Data;

/// <summary>
/// For what is not a gRPC call (the identity provider's token and admin endpoints, middleware before the gRPC
/// pipeline): an unreachable database answers 503 with <c>Retry-After</c> and a bare problem body, the same as
/// <see cref="Grpc.DatabaseUnavailableInterceptor"/> gives gRPC and JSON callers; anything else falls through to the
/// default handler.
/// </summary>
public sealed partial class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseFaults.IsUnreachable(exception) || context.Response.HasStarted) return false;
        LogUnavailable(context.Request.Path, exception.GetBaseException().GetType().Name, exception.GetBaseException().Message);
        DatabaseFaults.ForgetDeadConnections(exception);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = DatabaseFaults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "数据库暂时无法访问，请稍后重试。The database is unavailable for a moment; please try again shortly.",
            },
        });
    }

    [LoggerMessage(LogLevel.Warning, "{Path}: the database is unreachable ({ErrorType}: {Error}); answered 503")]
    private partial void LogUnavailable(string path, string errorType, string error);
}
