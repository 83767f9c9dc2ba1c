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

    // One round trip for a read: the version (bumped first when a bump is owed) and the entries under it.
    private static readonly LuaScript ReadScript = LuaScript.Prepare("""
        if @bump == '1' then redis.call('INCR', @version) end
        local v = redis.call('GET', @version) or '0'
        local answer = { v }
        for i, prefix in ipairs(cjson.decode(@prefixes)) do answer[i + 1] = redis.call('GET', prefix .. v .. ':' .. @query) end -- false when missing
        return answer
        """);

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
    public async Task<byte[]?> GetAsync(string listing, string query) => (await ReadAsync(query, listing)).Entries[0];

    /// <summary>
    /// The version the public sees now and the entries of <paramref name="listings"/> for <paramref name="query"/> under
    /// it, in one round trip: a version of null (and no entries) when Redis is away.
    /// </summary>
    public async Task<PublicCacheRead> ReadAsync(string query, params string[] listings)
    {
        var bump = Interlocked.CompareExchange(ref _bumpPending, 0, 1) == 1;
        try
        {
            var prefixes = System.Text.Json.JsonSerializer.Serialize(listings.Select(l => $"openday:public:{l}:v"));
            var answer = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ReadScript,
                new { bump = bump ? "1" : "0", version = VersionKey, prefixes, query }))!;
            return new PublicCacheRead((long)answer[0], [.. answer.Skip(1).Select(entry => entry.IsNull ? null : (byte[]?)entry)]);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            Interlocked.Exchange(ref _bumpPending, 1); // changes made meanwhile may not have reached Redis
            LogUnavailable(e, "read");
            return new PublicCacheRead(null, new byte[]?[listings.Length]);
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

    /// <summary>
    /// Stores an answer under the version it was read at (<see cref="ReadAsync"/>): if a change came meanwhile, the
    /// answer, perhaps made before it, lands under an old version that nobody reads. Nothing is stored without a version.
    /// </summary>
    public async Task SetAsync(string listing, string query, byte[] value, long? version)
    {
        if (version is not { } known) return;
        try
        {
            await redis.GetDatabase().StringSetAsync(Key(listing, known, query), value, Lifetime, flags: CommandFlags.FireAndForget);
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

/// <summary>What one read of the public cache found: the public version (null with Redis away) and one entry per listing asked.</summary>
public sealed record PublicCacheRead(long? Version, byte[]?[] Entries);
