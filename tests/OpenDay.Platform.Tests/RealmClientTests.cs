using OpenDay.Identity.Infrastructure;
using OpenDay.Identity.Realm;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenDay.Platform.Tests;

/// <summary>Realm clients become OpenIddict applications with exactly the flows Keycloak would allow them.</summary>
public class RealmClientTests
{
    private static readonly RealmDefinition Realm = RealmDefinition.Load("openday-realm.json");

    [Fact]
    public void Browser_client_is_public_with_code_flow_and_pkce_only()
    {
        var web = RealmClientSeeder.Describe(Realm, Realm.FindClient("openday-web")!, new Uri("http://localhost:41234"));
        Assert.Equal(ClientTypes.Public, web.ClientType);
        Assert.Contains(Permissions.GrantTypes.AuthorizationCode, web.Permissions);
        Assert.DoesNotContain(Permissions.GrantTypes.Password, web.Permissions);
        Assert.DoesNotContain(Permissions.GrantTypes.ClientCredentials, web.Permissions);
        Assert.Contains(Requirements.Features.ProofKeyForCodeExchange, web.Requirements);
        Assert.NotEmpty(web.RedirectUris);
    }

    [Fact]
    public void The_consoles_relative_redirect_uris_follow_the_public_origin_as_keycloaks_authBaseUrl_does()
    {
        var web = RealmClientSeeder.Describe(Realm, Realm.FindClient("openday-web")!, new Uri("http://localhost:41234"));
        Assert.Contains(new Uri("http://localhost:41234/console/signin-oidc"), web.RedirectUris);
        Assert.Contains(new Uri("http://localhost:41234/console/signout-callback-oidc"), web.PostLogoutRedirectUris);
        Assert.Throws<InvalidOperationException>(() => RealmClientSeeder.Describe(Realm, Realm.FindClient("openday-web")!));
    }

    [Fact]
    public void Script_client_is_confidential_with_direct_access_and_service_account()
    {
        var cli = RealmClientSeeder.Describe(Realm, Realm.FindClient("openday-cli")!);
        Assert.Equal(ClientTypes.Confidential, cli.ClientType);
        Assert.Equal("dev-only-cli-secret", cli.ClientSecret);
        Assert.Contains(Permissions.GrantTypes.Password, cli.Permissions);
        Assert.Contains(Permissions.GrantTypes.ClientCredentials, cli.Permissions);
        Assert.DoesNotContain(Permissions.GrantTypes.AuthorizationCode, cli.Permissions);
    }
}
