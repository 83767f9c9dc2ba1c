using OpenDay.Identity.Realm;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenDay.Identity.Infrastructure;

/// <summary>Registers the realm file's clients with OpenIddict and adds its users to the store, as Keycloak's import would.</summary>
public static class RealmClientSeeder
{
    public static async Task SeedRealmAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var realm = scope.ServiceProvider.GetRequiredService<RealmDefinition>();
        await scope.ServiceProvider.GetRequiredService<UserStore>().SeedAsync(realm.Users);

        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var issuer = new Uri(app.Configuration["Identity:Issuer"]!, UriKind.Absolute);
        foreach (var client in realm.Clients.Where(c => c.Enabled && !c.BearerOnly))
        {
            var descriptor = Describe(realm, client, new Uri(issuer.GetLeftPart(UriPartial.Authority)));
            if (await manager.FindByClientIdAsync(client.ClientId) is { } existing)
            {
                await manager.UpdateAsync(existing, descriptor);
            }
            else
            {
                await manager.CreateAsync(descriptor);
            }
        }
    }

    /// <param name="publicOrigin">The provider's public origin (the gateway's), Keycloak's <c>${authBaseUrl}</c>: a client whose
    /// root URL is that and whose redirect URIs are relative (the staff console's) follows the origin, whatever its port.</param>
    public static OpenIddictApplicationDescriptor Describe(RealmDefinition realm, RealmClient client, Uri? publicOrigin = null)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            DisplayName = client.Name ?? client.ClientId,
            ClientType = client.PublicClient ? ClientTypes.Public : ClientTypes.Confidential,
            ClientSecret = client.PublicClient ? null : client.Secret,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        if (client.StandardFlowEnabled)
        {
            descriptor.Permissions.UnionWith([
                Permissions.Endpoints.Authorization, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
            ]);
            foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(Resolve(client, uri, publicOrigin));
            foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(Resolve(client, uri, publicOrigin));
        }
        if (client.StandardFlowEnabled || client.DirectAccessGrantsEnabled)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.RefreshToken);
        }
        if (client.DirectAccessGrantsEnabled)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.Password);
        }
        if (client.ServiceAccountsEnabled && !client.PublicClient)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }
        foreach (var scope in realm.ClientScopes)
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope.Name);
        }
        if (client.Attributes.ContainsKey("pkce.code.challenge.method"))
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
        return descriptor;
    }

    /// <summary>As Keycloak reads a redirect URI: absolute as written, or relative to the client's root URL.</summary>
    private static Uri Resolve(RealmClient client, string uri, Uri? publicOrigin)
    {
        if (!uri.StartsWith('/')) return new Uri(uri);
        var root = client.RootUrl?.Replace("${authBaseUrl}", publicOrigin?.ToString().TrimEnd('/') ?? "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(root))
        {
            throw new InvalidOperationException($"Client {client.ClientId}: the relative redirect URI {uri} needs a rootUrl (and a public origin).");
        }
        return new Uri(root.TrimEnd('/') + uri);
    }
}
