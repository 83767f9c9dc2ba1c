using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.ServiceAccounts;

namespace OpenDay.Units.Infrastructure;

/// <summary>
/// The Keycloak Admin REST API calls that assign a person to a unit: find the user, set the <c>tenant</c> attribute,
/// map the unit role. Authenticated as the units service's own client (client credentials, <c>realm-management</c>
/// roles); works against Keycloak and the built-in provider alike.
/// </summary>
public sealed class KeycloakAdminClient(HttpClient http, ServiceAccountTokens tokens)
{
    private const string Realm = "/admin/realms/openday";
    private static readonly string[] UnitRoles = [Roles.UnitAdmin, Roles.UnitStaff];

    public sealed record KeycloakUser(string Id, string Username, Dictionary<string, List<string>> Attributes);

    public async Task<KeycloakUser?> FindUserAsync(string username, CancellationToken cancellationToken)
    {
        var users = await SendAsync<List<KeycloakUser>>(HttpMethod.Get,
            $"{Realm}/users?exact=true&username={Uri.EscapeDataString(username)}", null, cancellationToken);
        return users?.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Sets (or, with null, removes) the user's unit and unit role; other attributes and roles are kept.</summary>
    public async Task SetUnitAsync(KeycloakUser user, string? unitCode, string? role, CancellationToken cancellationToken)
    {
        var attributes = new Dictionary<string, List<string>>(user.Attributes);
        if (unitCode is null) attributes.Remove(KeycloakClaims.Tenant);
        else attributes[KeycloakClaims.Tenant] = [unitCode];
        await SendAsync<JsonNode>(HttpMethod.Put, $"{Realm}/users/{user.Id}", new { attributes }, cancellationToken);

        var current = await SendAsync<List<JsonObject>>(HttpMethod.Get, $"{Realm}/users/{user.Id}/role-mappings/realm", null, cancellationToken) ?? [];
        var stale = current.Where(r => UnitRoles.Contains(r["name"]?.GetValue<string>()) && r["name"]?.GetValue<string>() != role).ToList();
        if (stale.Count > 0)
        {
            await SendAsync<JsonNode>(HttpMethod.Delete, $"{Realm}/users/{user.Id}/role-mappings/realm", stale, cancellationToken);
        }
        if (role is not null)
        {
            var representation = await SendAsync<JsonObject>(HttpMethod.Get, $"{Realm}/roles/{role}", null, cancellationToken);
            await SendAsync<JsonNode>(HttpMethod.Post, $"{Realm}/users/{user.Id}/role-mappings/realm", new[] { representation }, cancellationToken);
        }
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAsync(cancellationToken));
            if (body is not null) request.Content = JsonContent.Create(body);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound) return default;
            response.EnsureSuccessStatusCode();
            return response.StatusCode == HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0
                ? default
                : await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw RpcErrors.Unavailable($"The identity provider did not answer ({e.StatusCode?.ToString() ?? e.HttpRequestError.ToString()}); nothing was changed there. Please try again.");
        }
    }
}
