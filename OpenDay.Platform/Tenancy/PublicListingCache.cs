using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace OpenDay.Platform.Tenancy;

/// <summary>
/// Redis cache of the anonymous public listings. Entries are keyed by a version that every change to what the public
/// sees (an event, a unit) bumps, so an edit shows at once. Redis being down is never an error: callers compute the
/// answer from the database; a bump that could not be made is made before the cache is used again.
/// </summary>
public sealed partial class PublicListingCache(IConnectionMultiplexer redis, ILogger<PublicListingCache> logger)
{
    public static readonly RedisKey VersionKey = "openday:public:version";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private static int _bumpPending;

    /// <summary>Something the public sees changed.</summary>
    public async Task BumpAsync()
    {
        try
        {
            await redis.GetDatabase().StringIncrementAsync(VersionKey);
            Interlocked.Exchange(ref _bumpPending, 0);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _bumpPending, 1);
            LogUnavailable(e, "record a change");
        }
    }

    /// <summary>The cached bytes for <paramref name="query"/>, or null (not cached, or Redis away).</summary>
    public async Task<byte[]?> GetAsync(string listing, string query)
    {
        try
        {
            var database = redis.GetDatabase();
            if (Interlocked.CompareExchange(ref _bumpPending, 0, 1) == 1) await database.StringIncrementAsync(VersionKey);
            var version = (long?)await database.StringGetAsync(VersionKey) ?? 0;
            return await database.StringGetAsync(Key(listing, version, query));
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _bumpPending, 1); // changes made meanwhile may not have reached Redis
            LogUnavailable(e, "read");
            return null;
        }
    }

    public async Task SetAsync(string listing, string query, byte[] value)
    {
        try
        {
            var database = redis.GetDatabase();
            var version = (long?)await database.StringGetAsync(VersionKey) ?? 0;
            await database.StringSetAsync(Key(listing, version, query), value, Lifetime);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogUnavailable(e, "write");
        }
    }

    public static RedisKey Key(string listing, long version, string query) => $"openday:public:{listing}:v{version}:{query}";

    [LoggerMessage(LogLevel.Warning, "Public listing cache could not {Operation}: Redis is unavailable; answering from the database")]
    private partial void LogUnavailable(Exception exception, string operation);
}
