using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenDay.Platform.Grpc;
using OpenDay.Units.V1;
using StackExchange.Redis;

namespace OpenDay.Platform.Tenancy;

/// <summary>How a service learns about the caller's unit: from Redis, else from the units service over gRPC.</summary>
public sealed class UnitFactsProvider(UnitDirectory.UnitDirectoryClient directory, UnitFactsCache cache)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Lookups under way, by unit: concurrent requests of one unit's staff share one call to the units service. When
    /// Redis is slow or away, a rush (a unit approving hundreds of applications at once) otherwise sent every request
    /// there at the same moment, and some were refused as unavailable.
    /// </summary>
    private static readonly ConcurrentDictionary<string, Lazy<Task<UnitFacts>>> Asking = new();

    public async Task<UnitFacts> GetAsync(string unitCode, CancellationToken cancellationToken)
    {
        if (await cache.GetAsync(unitCode) is { } cached) return cached;
        var asking = Asking.GetOrAdd(unitCode, _ => new Lazy<Task<UnitFacts>>(AskAsync));
        try
        {
            return await asking.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            Asking.TryRemove(KeyValuePair.Create(unitCode, asking)); // the next lookup asks afresh
        }
    }

    /// <summary>
    /// Asked with the first caller's own token (the units service answers only for the caller's unit, the same unit
    /// for every request sharing the call), bounded by the deadline rather than by one caller's cancellation.
    /// </summary>
    private async Task<UnitFacts> AskAsync()
    {
        var facts = await directory.GetUnitFactsAsync(new GetUnitFactsRequest(), deadline: DateTime.UtcNow.Add(Deadline));
        await cache.SetAsync(facts);
        return facts;
    }
}

public static class UnitDirectoryExtensions
{
    /// <summary>The unit directory client (units service, gRPC endpoint), its Redis cache, and the caller's facts per request.</summary>
    public static TBuilder AddUnitDirectoryClient<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddUnitFactsCache();
        builder.Services.AddScoped<UnitFactsProvider>();
        builder.AddOpenDayGrpcClient<UnitDirectory.UnitDirectoryClient>("units");
        return builder;
    }

    /// <summary>Redis and the unit facts cache (the units service writes and invalidates; the others read).</summary>
    public static TBuilder AddUnitFactsCache<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddRedisClient("redis", configureOptions: options =>
        {
            // Redis is a cache here, never the only copy: when it is away, fail at once rather than queue commands
            // until a timeout (StackExchange.Redis's default backlog waits 5 s per command, which made every request
            // slow during an outage), and keep reconnecting in the background.
            options.AbortOnConnectFail = false;
            options.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConnectTimeout = 1000;
            options.SyncTimeout = (int)RedisCircuit.OperationTimeout.TotalMilliseconds;
            options.AsyncTimeout = (int)RedisCircuit.OperationTimeout.TotalMilliseconds;
            options.ReconnectRetryPolicy = new LinearRetry(500);
        });
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisCircuit>();
        builder.Services.AddSingleton<UnitFactsCache>();
        builder.Services.AddSingleton<PublicListingCache>();
        return builder;
    }

    /// <summary>Loads the signed-in caller's unit facts before the request reaches a service (county roles need none).</summary>
    public static IApplicationBuilder UseUnitFacts(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var provider = context.RequestServices.GetService<UnitFactsProvider>();
        var caller = context.RequestServices.GetRequiredService<CallerContext>();
        if (provider is not null && caller.TenantId is { } tenant && !caller.IsCountyRole)
        {
            try
            {
                caller.UnitFacts = await provider.GetAsync(tenant, context.RequestAborted);
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.NotFound)
            {
                await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Unit not registered",
                    detail: $"您的账号所属单位 '{tenant}' 未在单位名录中登记。Your account's unit '{tenant}' is not in the unit registry.")
                    .ExecuteAsync(context);
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                context.Response.Headers.RetryAfter = "2"; // as every other "try again shortly" of the platform
                await Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Unit directory unavailable",
                    detail: "单位信息暂时无法获取，请稍后再试。The unit directory is unavailable; please try again shortly.")
                    .ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });
}
