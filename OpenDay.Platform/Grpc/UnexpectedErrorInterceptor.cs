using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;
using OpenDay.ServiceDefaults.Hosting;

namespace OpenDay.Platform.Grpc;

/// <summary>
/// The outermost interceptor: an exception no handler expected becomes Internal with a message a person can act on
/// and the request's correlation id — never an exception's type or text, which can name tables, values or code. The
/// whole exception goes to the log, under the same correlation id.
/// </summary>
public sealed partial class UnexpectedErrorInterceptor(ILogger<UnexpectedErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (IsUnexpected(e, context))
        {
            throw Internal(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (IsUnexpected(e, context))
        {
            throw Internal(e, context);
        }
    }

    // A caller that went away is not an error of ours.
    private static bool IsUnexpected(Exception e, ServerCallContext context) =>
        e is not RpcException && !(e is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Internal(Exception e, ServerCallContext context)
    {
        var correlationId = context.RequestHeaders.GetValue(CorrelationId.HeaderName.ToLowerInvariant()) ?? "";
        LogUnexpected(e, context.Method, correlationId);
        return new RpcException(new Status(StatusCode.Internal,
            $"服务出现意外错误，请稍后重试；如仍有问题，请向管理员提供编号 {correlationId}。" +
            $"An unexpected error occurred; try again later, and quote {correlationId} if it persists."));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error in {Method} (correlation id {CorrelationId})")]
    private partial void LogUnexpected(Exception exception, string method, string correlationId);
}
