using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenDay.Platform.Data;

namespace OpenDay.Platform.Grpc;

/// <summary>
/// A write that reached another unit's row (one the caller may read as its supervisor) is refused as
/// PermissionDenied, and a write that lost a race for the same row (an update, or the insert of the same record) as
/// Aborted: neither is an internal error.
/// </summary>
public sealed class TenantGuardInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (TenantMismatchException)
        {
            throw RpcErrors.PermissionDenied("您只能查看而不能修改其他单位的数据。You may read this unit's records but not change them.");
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(new Status(StatusCode.Aborted,
                "该记录刚被他人修改，请刷新后重试。Someone else changed this record a moment ago: reload it and try again."));
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Two first writes of the same record (the first rubric of a year, saved twice at once): the handler looked,
            // found none, and the other one inserted it meanwhile. Handlers that expect a duplicate refuse it themselves.
            throw new RpcException(new Status(StatusCode.Aborted,
                "该记录刚被他人创建，请刷新后重试。Someone else created this record a moment ago: reload it and try again."));
        }
    }
}
