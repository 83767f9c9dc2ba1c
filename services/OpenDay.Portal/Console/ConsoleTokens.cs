using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;

namespace OpenDay.Portal.Console;

/// <summary>The session is over (signed out, expired, or the provider refused to refresh it): the user signs in again.</summary>
public sealed class ConsoleSessionExpiredException(string message) : Exception(message);

/// <summary>
/// The signed-in user's access token for the services, from their server-side session: refreshed with the refresh token
/// shortly before it expires (one refresh at a time per session), and written back to the session. When the provider
/// refuses the refresh (its session ended), the server-side session is removed and the user must sign in again.
/// </summary>
public sealed partial class ConsoleTokens(ConsoleSessionStore store, IOptionsMonitor<OpenIdConnectOptions> oidc, IConfiguration configuration,
    TimeProvider time, ILogger<ConsoleTokens> logger)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Refreshing = new();

    /// <summary>How long before its expiry a token is refreshed (<c>Console:RefreshBefore</c>; 60 s by default).</summary>
    private TimeSpan RefreshBefore => TimeSpan.TryParse(configuration["Console:RefreshBefore"], CultureInfo.InvariantCulture, out var value)
        ? value : TimeSpan.FromSeconds(60);

    public async Task<string> AccessTokenAsync(string sessionKey, CancellationToken cancellationToken)
    {
        var ticket = await store.RetrieveAsync(sessionKey) ?? throw new ConsoleSessionExpiredException("The session is gone.");
        if (Fresh(ticket) is { } token) return token;

        var gate = Refreshing.GetOrAdd(sessionKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            // Another call may have refreshed it while this one waited.
            ticket = await store.RetrieveAsync(sessionKey) ?? throw new ConsoleSessionExpiredException("The session is gone.");
            if (Fresh(ticket) is { } refreshed) return refreshed;
            return await RefreshAsync(sessionKey, ticket, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private string? Fresh(AuthenticationTicket ticket)
    {
        var token = ticket.Properties.GetTokenValue("access_token");
        var expiresAt = DateTimeOffset.TryParse(ticket.Properties.GetTokenValue("expires_at"), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        return token is not null && expiresAt - time.GetUtcNow() > RefreshBefore ? token : null;
    }

    private async Task<string> RefreshAsync(string sessionKey, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var refreshToken = ticket.Properties.GetTokenValue("refresh_token")
                           ?? throw new ConsoleSessionExpiredException("The session has no refresh token.");
        var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
        var configuration = await options.ConfigurationManager!.GetConfigurationAsync(cancellationToken);
        using var response = await options.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = options.ClientId!,
            ["refresh_token"] = refreshToken,
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            LogRefreshRefused((int)response.StatusCode);
            await store.RemoveAsync(sessionKey);
            throw new ConsoleSessionExpiredException("The identity provider refused to refresh the session.");
        }
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        var root = body.RootElement;
        var accessToken = root.GetProperty("access_token").GetString()!;
        var expiresIn = root.TryGetProperty("expires_in", out var seconds) ? seconds.GetInt32() : 300;
        ticket.Properties.UpdateTokenValue("access_token", accessToken);
        if (root.TryGetProperty("refresh_token", out var rotated)) ticket.Properties.UpdateTokenValue("refresh_token", rotated.GetString()!);
        if (root.TryGetProperty("id_token", out var idToken)) ticket.Properties.UpdateTokenValue("id_token", idToken.GetString()!);
        ticket.Properties.UpdateTokenValue("expires_at",
            time.GetUtcNow().AddSeconds(expiresIn).ToString("o", CultureInfo.InvariantCulture));
        await store.RenewAsync(sessionKey, ticket);
        LogRefreshed(expiresIn);
        return accessToken;
    }

    [LoggerMessage(LogLevel.Information, "Refreshed a console session's access token (valid {ExpiresIn} s)")]
    private partial void LogRefreshed(int expiresIn);

    [LoggerMessage(LogLevel.Warning, "The identity provider refused to refresh a console session ({StatusCode}); the user signs in again")]
    private partial void LogRefreshRefused(int statusCode);
}
