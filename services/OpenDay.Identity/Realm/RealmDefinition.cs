using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenDay.Identity.Realm;

/// <summary>
/// The parts of a Keycloak realm export (<c>openday-realm.json</c>) this provider honours: clients,
/// client scopes with their protocol mappers, realm roles and users. Same file a real Keycloak imports.
/// </summary>
public sealed record RealmDefinition
{
    public required string Realm { get; init; }
    public int AccessTokenLifespan { get; init; } = 300;
    public int SsoSessionMaxLifespan { get; init; } = 36000;
    public RealmRoles Roles { get; init; } = new();
    public List<RealmClientScope> ClientScopes { get; init; } = [];
    public List<string> DefaultDefaultClientScopes { get; init; } = [];
    public List<RealmClient> Clients { get; init; } = [];
    public List<RealmUser> Users { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static JsonSerializerOptions JsonOptions => Options;

    public static RealmDefinition Parse(string json) =>
        JsonSerializer.Deserialize<RealmDefinition>(json, Options)
        ?? throw new InvalidDataException("The realm file is empty.");

    public static RealmDefinition Load(string path) => Parse(File.ReadAllText(path));

    public RealmClient? FindClient(string clientId) => Clients.FirstOrDefault(c => c.ClientId == clientId && c.Enabled);

    /// <summary>A person who signs in with a password; service-account users never do.</summary>
    public RealmUser? FindUser(string username) => Users.FirstOrDefault(u =>
        u.Enabled && u.ServiceAccountClientId is null && string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    public RealmUser? FindUserById(string id) => Users.FirstOrDefault(u => u.Enabled && u.Id == id);

    public RealmUser? FindServiceAccount(string clientId) =>
        Users.FirstOrDefault(u => u.Enabled && u.ServiceAccountClientId == clientId);

    /// <summary>The client scopes whose mappers shape a client's tokens (Keycloak's default client scopes).</summary>
    public IEnumerable<RealmClientScope> DefaultScopesOf(RealmClient client)
    {
        var names = client.DefaultClientScopes ?? DefaultDefaultClientScopes;
        return ClientScopes.Where(s => names.Contains(s.Name));
    }
}

public sealed record RealmRoles
{
    public List<RealmRole> Realm { get; init; } = [];
}

public sealed record RealmRole(string Name, string? Description);

public sealed record RealmClientScope
{
    public required string Name { get; init; }
    public Dictionary<string, string> Attributes { get; init; } = [];
    public List<RealmProtocolMapper> ProtocolMappers { get; init; } = [];

    /// <summary>Keycloak lists a default scope in the token's <c>scope</c> claim unless told not to.</summary>
    public bool IncludeInTokenScope => !Attributes.TryGetValue("include.in.token.scope", out var v) || v == "true";
}

public sealed record RealmProtocolMapper
{
    public required string Name { get; init; }
    public required string ProtocolMapper { get; init; }
    public Dictionary<string, string> Config { get; init; } = [];

    public string? this[string key] => Config.GetValueOrDefault(key);

    public bool AddsTo(string token) => Config.GetValueOrDefault($"{token}.claim") == "true";
}

public sealed record RealmClient
{
    public required string ClientId { get; init; }
    public string? Name { get; init; }
    public bool Enabled { get; init; } = true;
    public bool BearerOnly { get; init; }
    public bool PublicClient { get; init; }
    public string? Secret { get; init; }
    public bool StandardFlowEnabled { get; init; } = true;
    public bool DirectAccessGrantsEnabled { get; init; }
    public bool ServiceAccountsEnabled { get; init; }
    public List<string> RedirectUris { get; init; } = [];
    /// <summary>What relative redirect URIs are relative to; Keycloak's <c>${authBaseUrl}</c> is its own public origin.</summary>
    public string? RootUrl { get; init; }
    public Dictionary<string, string> Attributes { get; init; } = [];
    public List<string>? DefaultClientScopes { get; init; }

    /// <summary>Keycloak keeps these in one attribute, separated by <c>##</c>.</summary>
    [JsonIgnore]
    public IEnumerable<string> PostLogoutRedirectUris =>
        Attributes.TryGetValue("post.logout.redirect.uris", out var uris)
            ? uris.Split("##", StringSplitOptions.RemoveEmptyEntries)
            : [];
}

public sealed record RealmUser
{
    public string Id { get; init; } = "";
    public required string Username { get; init; }
    public bool Enabled { get; init; } = true;
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public Dictionary<string, List<string>> Attributes { get; init; } = [];
    public List<RealmCredential> Credentials { get; init; } = [];
    public List<string> RealmRoles { get; init; } = [];
    /// <summary>Roles of other clients, e.g. <c>realm-management: [manage-users]</c> for the admin API.</summary>
    public Dictionary<string, List<string>> ClientRoles { get; init; } = [];
    public string? ServiceAccountClientId { get; init; }

    [JsonIgnore]
    public string? Tenant => Attributes.GetValueOrDefault("tenant")?.FirstOrDefault();

    [JsonIgnore]
    public string? Password => Credentials.FirstOrDefault(c => c.Type == "password")?.Value;
}

public sealed record RealmCredential(string Type, string? Value);
