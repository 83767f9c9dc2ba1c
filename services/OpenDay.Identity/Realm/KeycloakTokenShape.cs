using System.Text.Json.Nodes;

namespace OpenDay.Identity.Realm;

/// <summary>Which tokens a claim goes into, as a Keycloak mapper's <c>*.token.claim</c> flags say.</summary>
[Flags]
public enum TokenKinds
{
    None = 0,
    Access = 1,
    Id = 2,
    UserInfo = 4,
}

/// <summary>One claim as Keycloak would put it: its top-level name, its JSON value and the tokens it goes into.</summary>
public sealed record ShapedClaim(string Name, JsonNode Value, TokenKinds Tokens);

/// <summary>What a token for one user and client carries, derived from the realm's client scopes and mappers.</summary>
public sealed record TokenShape(string Subject, IReadOnlyList<string> Audiences, IReadOnlyList<string> Scopes, IReadOnlyList<ShapedClaim> Claims);

/// <summary>
/// Keycloak's protocol mappers, applied the way Keycloak applies them, so that tokens from this provider carry
/// exactly the claim names and layout of a real Keycloak realm built from the same file.
/// </summary>
public static class KeycloakTokenShape
{
    public static TokenShape For(RealmDefinition realm, RealmClient client, RealmUser user)
    {
        var audiences = new List<string>();
        var claims = new Dictionary<string, (JsonNode Value, TokenKinds Tokens)>(StringComparer.Ordinal);
        var scopes = new List<string> { "openid" };

        foreach (var scope in realm.DefaultScopesOf(client))
        {
            if (scope.IncludeInTokenScope) scopes.Add(scope.Name);
            foreach (var mapper in scope.ProtocolMappers)
            {
                Apply(mapper, user, audiences, claims);
            }
        }

        return new TokenShape(
            user.Id,
            audiences.Distinct().ToList(),
            scopes.Distinct().ToList(),
            claims.Select(c => new ShapedClaim(c.Key, c.Value.Value, c.Value.Tokens)).ToList());
    }

    private static void Apply(RealmProtocolMapper mapper, RealmUser user, List<string> audiences,
        Dictionary<string, (JsonNode Value, TokenKinds Tokens)> claims)
    {
        var tokens = (mapper.AddsTo("access.token") ? TokenKinds.Access : TokenKinds.None)
                     | (mapper.AddsTo("id.token") ? TokenKinds.Id : TokenKinds.None)
                     | (mapper.AddsTo("userinfo.token") ? TokenKinds.UserInfo : TokenKinds.None);

        switch (mapper.ProtocolMapper)
        {
            case "oidc-audience-mapper" when mapper.AddsTo("access.token"):
                if (mapper["included.client.audience"] is { Length: > 0 } audience) audiences.Add(audience);
                if (mapper["included.custom.audience"] is { Length: > 0 } custom) audiences.Add(custom);
                break;
            case "oidc-sub-mapper":
                Set(claims, "sub", JsonValue.Create(user.Id), tokens | TokenKinds.Id | TokenKinds.UserInfo);
                break;
            case "oidc-usermodel-attribute-mapper":
                var values = user.Attributes.GetValueOrDefault(mapper["user.attribute"] ?? "") ?? [];
                if (values.Count > 0)
                {
                    JsonNode value = mapper["multivalued"] == "true"
                        ? new JsonArray(values.Select(v => (JsonNode)JsonValue.Create(v)).ToArray())
                        : JsonValue.Create(values[0]);
                    Set(claims, mapper["claim.name"]!, value, tokens);
                }
                break;
            case "oidc-usermodel-property-mapper":
                if (Property(user, mapper["user.attribute"]) is { } property)
                    Set(claims, mapper["claim.name"]!, JsonValue.Create(property), tokens);
                break;
            case "oidc-full-name-mapper":
                var fullName = $"{user.FirstName} {user.LastName}".Trim();
                if (fullName.Length > 0) Set(claims, "name", JsonValue.Create(fullName), tokens);
                break;
            case "oidc-usermodel-client-role-mapper":
                foreach (var (clientId, clientRoles) in user.ClientRoles)
                {
                    var claimName = (mapper["claim.name"] ?? "resource_access.${client_id}.roles").Replace("${client_id}", clientId);
                    Set(claims, claimName, new JsonArray(clientRoles.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()), tokens);
                }
                break;
            case "oidc-usermodel-realm-role-mapper":
                var roles = new JsonArray(user.RealmRoles.Select(r => (JsonNode)JsonValue.Create(r)).ToArray());
                Set(claims, mapper["claim.name"] ?? "realm_access.roles", roles, tokens);
                break;
        }
    }

    private static string? Property(RealmUser user, string? property) => property switch
    {
        "username" => user.Username,
        "email" => user.Email,
        "firstName" => user.FirstName,
        "lastName" => user.LastName,
        _ => null,
    };

    /// <summary>Keycloak reads dots in a claim name as nesting: <c>realm_access.roles</c>.</summary>
    private static void Set(Dictionary<string, (JsonNode Value, TokenKinds Tokens)> claims, string name, JsonNode value, TokenKinds tokens)
    {
        var path = name.Split('.');
        if (path.Length == 1)
        {
            claims[name] = (value, tokens | (claims.TryGetValue(name, out var old) ? old.Tokens : TokenKinds.None));
            return;
        }

        var (root, rootTokens) = claims.TryGetValue(path[0], out var existing) && existing.Value is JsonObject o
            ? (o, existing.Tokens | tokens)
            : (new JsonObject(), tokens);
        var node = root;
        foreach (var segment in path[1..^1])
        {
            if (node[segment] is not JsonObject child)
            {
                child = new JsonObject();
                node[segment] = child;
            }
            node = child;
        }
        node[path[^1]] = value;
        claims[path[0]] = (root, rootTokens);
    }
}
