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
        foreach (var client in realm.Clients.Where(c => c.Enabled && !c.BearerOnly))
        {
            var descriptor = Describe(realm, client);
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

    public static OpenIddictApplicationDescriptor Describe(RealmDefinition realm, RealmClient client)
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
            foreach (var uri in client.RedirectUris) descriptor.RedirectUris.Add(new Uri(uri));
            foreach (var uri in client.PostLogoutRedirectUris) descriptor.PostLogoutRedirectUris.Add(new Uri(uri));
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
}
