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

    private readonly ConcurrentDictionary<string, string> _cache = new();

    /// <summary>An access token for a dev user (password grant of the scripts client), cached per user.</summary>
    public async Task<string> For(string username)
    {
        if (_cache.TryGetValue(username, out var cached)) return cached;
        var token = await FreshAsync(username);
        _cache[username] = token;
        return token;
    }

    /// <summary>A new token, never cached: for users whose unit or roles a test changes.</summary>
    public async Task<string> FreshAsync(string username)
    {
        var body = await RequestAsync(new()
        {
            ["grant_type"] = "password",
            ["client_id"] = CliClient,
            ["client_secret"] = CliSecret,
            ["username"] = username,
            ["password"] = Password,
        });
        return body.GetProperty("access_token").GetString()!;
    }

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
