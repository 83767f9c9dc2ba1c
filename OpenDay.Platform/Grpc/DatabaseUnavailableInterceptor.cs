using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenDay.Platform.Data;
using Status = Google.Rpc.Status;

namespace OpenDay.Platform.Grpc;

/// <summary>
/// The one place a database that cannot be reached becomes Unavailable (HTTP 503 through JSON transcoding) with
/// <c>Retry-After</c> and a <c>google.rpc.RetryInfo</c>, instead of an internal error; and the connection pool,
/// whose idle connections died with a server that went away, is emptied so the first requests after its return do not trip
/// over them.
/// </summary>
public sealed partial class DatabaseUnavailableInterceptor(ILogger<DatabaseUnavailableInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (e is not RpcException && DatabaseFaults.IsUnreachable(e))
        {
            throw Unavailable(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (e is not RpcException && DatabaseFaults.IsUnreachable(e))
        {
            throw Unavailable(e, context);
        }
    }

    private RpcException Unavailable(Exception exception, ServerCallContext context)
    {
        LogUnavailable(context.Method, exception.GetBaseException().GetType().Name, exception.GetBaseException().Message);
        DatabaseFaults.ForgetDeadConnections(exception);
        var response = context.GetHttpContext().Response;
        if (!response.HasStarted) response.Headers.RetryAfter = DatabaseFaults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Status
        {
            Code = (int)Code.Unavailable,
            Message = "数据库暂时无法访问，请稍后重试。The database is unavailable for a moment; please try again shortly.",
            Details = { Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(TimeSpan.FromSeconds(DatabaseFaults.RetryAfterSeconds)) }) },
        }.ToRpcException();
    }

    [LoggerMessage(LogLevel.Warning, "{Method}: the database is unreachable ({ErrorType}: {Error}); answered Unavailable")]
    private partial void LogUnavailable(string method, string errorType, string error);
}
