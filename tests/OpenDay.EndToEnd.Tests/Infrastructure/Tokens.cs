using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>Real tokens from the identity provider, through the gateway, for the realm file's dev users.</summary>
public sealed class Tokens(HttpClient gateway)
{
    public const string Password = "dev-only-password";
    public const string CliClient = "openday-cli";
    public const string CliSecret = "dev-only-cli-secret";
    public const string TokenPath = "/realms/openday/protocol/openid-connect/token";

    // Access tokens live five minutes (the realm's lifespan) and a run is longer than that: a cached token is renewed a
    // minute before it expires, by one caller while the others wait (a rush of calls must not become a rush of logins).
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, (string Token, DateTime RenewAt)> _cache = new();
    private readonly SemaphoreSlim _renewing = new(1, 1);

    /// <summary>An access token for a dev user (password grant of the scripts client), cached per user until near its expiry.</summary>
    public async Task<string> For(string username)
    {
        if (_cache.TryGetValue(username, out var cached) && DateTime.UtcNow < cached.RenewAt) return cached.Token;
        await _renewing.WaitAsync();
        try
        {
            if (_cache.TryGetValue(username, out cached) && DateTime.UtcNow < cached.RenewAt) return cached.Token;
            var body = await PasswordGrantAsync(username);
            var token = body.GetProperty("access_token").GetString()!;
            _cache[username] = (token, DateTime.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32()) - RenewBeforeExpiry);
            return token;
        }
        finally
        {
            _renewing.Release();
        }
    }

    /// <summary>A new token, never cached: for users whose unit or roles a test changes.</summary>
    public async Task<string> FreshAsync(string username) =>
        (await PasswordGrantAsync(username)).GetProperty("access_token").GetString()!;

    private Task<JsonElement> PasswordGrantAsync(string username) => RequestAsync(new()
    {
        ["grant_type"] = "password",
        ["client_id"] = CliClient,
        ["client_secret"] = CliSecret,
        ["username"] = username,
        ["password"] = Password,
    });

    /// <summary>A service's own token (client credentials), as that service gets it.</summary>
    public async Task<string> ServiceAccountAsync(string clientId, string secret) =>
        (await RequestAsync(new() { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret }))
        .GetProperty("access_token").GetString()!;

    public async Task<JsonElement> RequestAsync(Dictionary<string, string> form)
    {
        using var response = await gateway.PostAsync(TokenPath, new FormUrlEncodedContent(form));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"token request failed: {(int)response.StatusCode} {body}");
        return body;
    }
}
