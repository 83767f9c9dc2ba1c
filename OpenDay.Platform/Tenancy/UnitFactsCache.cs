using Google.Protobuf;
using Microsoft.Extensions.Logging;
using OpenDay.Units.V1;
using StackExchange.Redis;

namespace OpenDay.Platform.Tenancy;

/// <summary>
/// Unit facts in Redis, one key per unit. The units service deletes a unit's key (and its supervisors') on every
/// change; the lifetime bounds staleness should a deletion be lost while Redis is away. Redis being down is never
/// an error: the facts are then asked of the units service.
/// </summary>
public sealed partial class UnitFactsCache(IConnectionMultiplexer redis, ILogger<UnitFactsCache> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static RedisKey Key(string unitCode) => $"openday:unit-facts:{unitCode}";

    public async Task<UnitFacts?> GetAsync(string unitCode)
    {
        try
        {
            var value = await redis.GetDatabase().StringGetAsync(Key(unitCode));
            return value.HasValue ? UnitFacts.Parser.ParseFrom((byte[])value!) : null;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisUnavailable(e, "read");
            return null;
        }
    }

    public async Task SetAsync(UnitFacts facts)
    {
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(facts.Code), facts.ToByteArray(), Lifetime);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisUnavailable(e, "write");
        }
    }

    public async Task InvalidateAsync(params string?[] unitCodes)
    {
        var keys = unitCodes.Where(c => !string.IsNullOrEmpty(c)).Distinct().Select(c => Key(c!)).ToArray();
        try
        {
            await redis.GetDatabase().KeyDeleteAsync(keys);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogRedisUnavailable(e, "invalidate");
        }
    }

    [LoggerMessage(LogLevel.Warning, "Unit facts cache could not {Operation}: Redis is unavailable")]
    private partial void LogRedisUnavailable(Exception exception, string operation);
}
