using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace OpenDay.Platform.ServiceAccounts;

/// <summary>
/// This service's own access token (client credentials of its Keycloak client, <c>ServiceAccount:ClientId</c> and
/// <c>ServiceAccount:ClientSecret</c>), for calls it makes as itself rather than for a user. Kept until shortly before
/// it expires.
/// </summary>
public sealed class ServiceAccountTokens(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider time)
{
    /// <summary>The HTTP client that reaches the identity provider inside the app host.</summary>
    public const string HttpClientName = "identity";
    public const string TokenPath = "/realms/openday/protocol/openid-connect/token";

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private string? _token;
    private DateTimeOffset _expires;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_token is { } current && time.GetUtcNow() < _expires) return current;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } refreshed && time.GetUtcNow() < _expires) return refreshed;
            var settings = configuration.GetSection("ServiceAccount");
            using var identity = httpClients.CreateClient(HttpClientName);
            using var response = await identity.PostAsync(TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = settings["ClientId"] ?? throw new InvalidOperationException("ServiceAccount:ClientId is not configured."),
                ["client_secret"] = settings["ClientSecret"] ?? throw new InvalidOperationException("ServiceAccount:ClientSecret is not configured."),
            }), cancellationToken);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
            _token = body!["access_token"]!.GetValue<string>();
            _expires = time.GetUtcNow().AddSeconds(body["expires_in"]!.GetValue<int>() - 30);
            return _token;
        }
        finally
        {
            _refresh.Release();
        }
    }
}
