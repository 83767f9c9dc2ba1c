using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenDay.Identity.Realm;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenDay.Identity.Endpoints;

/// <summary>Turns a realm user and client into the principal OpenIddict signs: a Keycloak-shaped token.</summary>
public static class PrincipalFactory
{
    public const string AuthenticationType = "openday-realm";

    public static ClaimsPrincipal Create(RealmDefinition realm, RealmClient client, RealmUser user)
    {
        var shape = KeycloakTokenShape.For(realm, client, user);
        var identity = new ClaimsIdentity(AuthenticationType, Claims.PreferredUsername, "role");
        var destinations = new Dictionary<string, string[]>(StringComparer.Ordinal);

        identity.SetClaim(Claims.Subject, shape.Subject);
        destinations[Claims.Subject] = [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken];
        foreach (var claim in shape.Claims)
        {
            if (claim.Value is JsonValue value && value.TryGetValue<string>(out var text))
            {
                identity.SetClaim(claim.Name, text);
            }
            else
            {
                identity.SetClaim(claim.Name, JsonSerializer.SerializeToElement(claim.Value));
            }
            destinations[claim.Name] = DestinationsOf(claim.Tokens);
        }

        // Keycloak names the client that asked for the token ("authorized party") and the token type.
        identity.SetClaim(Claims.AuthorizedParty, client.ClientId);
        identity.SetClaim("typ", "Bearer");
        destinations[Claims.AuthorizedParty] = [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken];
        destinations["typ"] = [OpenIddictConstants.Destinations.AccessToken];

        identity.SetAudiences(shape.Audiences);
        // Keycloak always issues a refresh token; OpenIddict does so for offline_access.
        identity.SetScopes(shape.Scopes.Append(Scopes.OfflineAccess));
        identity.SetDestinations(c => destinations.GetValueOrDefault(c.Type) ?? []);

        var principal = new ClaimsPrincipal(identity);
        principal.SetAccessTokenLifetime(TimeSpan.FromSeconds(realm.AccessTokenLifespan));
        principal.SetRefreshTokenLifetime(TimeSpan.FromSeconds(realm.SsoSessionMaxLifespan));
        return principal;
    }

    private static string[] DestinationsOf(TokenKinds tokens)
    {
        var list = new List<string>();
        if (tokens.HasFlag(TokenKinds.Access)) list.Add(OpenIddictConstants.Destinations.AccessToken);
        if (tokens.HasFlag(TokenKinds.Id)) list.Add(OpenIddictConstants.Destinations.IdentityToken);
        return [.. list];
    }
}
