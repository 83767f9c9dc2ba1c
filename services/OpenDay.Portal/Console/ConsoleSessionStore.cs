using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace OpenDay.Portal.Console;

/// <summary>
/// The staff console's sessions, kept on the server (Redis): the browser's cookie carries only a key, never the access
/// or refresh token. Each ticket is encrypted with the app's data protection before it is stored, and lives as long as
/// the provider's longest session (the realm's <c>ssoSessionMaxLifespan</c>, 10 hours).
/// </summary>
public sealed class ConsoleSessionStore(IConnectionMultiplexer redis, IDataProtectionProvider protection, TimeProvider time) : ITicketStore
{
    /// <summary>The claim that names the session in its own ticket, so that a circuit can find its tokens again.</summary>
    public const string SessionKeyClaim = "openday:console-session";

    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(10);

    private readonly IDataProtector _protector = protection.CreateProtector("OpenDay.Portal.Console.Session");

    private static RedisKey Key(string key) => "openday:console-session:" + key;

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Guid.NewGuid().ToString("N");
        if (ticket.Principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == SessionKeyClaim))
        {
            identity.AddClaim(new Claim(SessionKeyClaim, key));
        }
        await RenewAsync(key, ticket);
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var bytes = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var expires = ticket.Properties.ExpiresUtc is { } at ? at - time.GetUtcNow() : MaxLifetime;
        await redis.GetDatabase().StringSetAsync(Key(key), bytes, expires > TimeSpan.Zero ? expires : TimeSpan.FromSeconds(1));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var bytes = (byte[]?)await redis.GetDatabase().StringGetAsync(Key(key));
        if (bytes is null) return null;
        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(bytes));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // keys rotated away: the user signs in again
        }
    }

    public async Task RemoveAsync(string key) => await redis.GetDatabase().KeyDeleteAsync(Key(key));

    /// <summary>The cookie handler's options: the store above behind a key-only cookie.</summary>
    public static void Configure(CookieAuthenticationOptions options, ITicketStore store) => options.SessionStore = store;
}
