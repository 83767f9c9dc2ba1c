using System.Text.Json.Nodes;
using OpenDay.Identity.Realm;

namespace OpenDay.Platform.Tests;

/// <summary>The token shape comes from the realm file's client scopes and mappers, as Keycloak would build it.</summary>
public class RealmTokenShapeTests
{
    private static readonly RealmDefinition Realm = RealmDefinition.Load("openday-realm.json");

    private static TokenShape ShapeFor(string username, string clientId = "openday-cli") =>
        KeycloakTokenShape.For(Realm, Realm.FindClient(clientId)!, Realm.FindUser(username)!);

    private static JsonNode Claim(TokenShape shape, string name) => shape.Claims.Single(c => c.Name == name).Value;

    [Fact]
    public void Realm_roles_are_nested_under_realm_access_as_keycloak_does()
    {
        var roles = Claim(ShapeFor("housing.admin"), "realm_access")["roles"]!.AsArray().Select(r => r!.GetValue<string>());
        Assert.Equal(["unit-admin"], roles);
    }

    [Fact]
    public void Tenant_comes_from_the_user_attribute_through_the_mapper()
    {
        Assert.Equal("water-supply-co", Claim(ShapeFor("watersupply.admin"), "tenant").GetValue<string>());
    }

    [Fact]
    public void Audience_mapper_adds_the_api_audience_and_username_goes_to_preferred_username()
    {
        var shape = ShapeFor("county.admin");
        Assert.Equal(["openday-api"], shape.Audiences);
        Assert.Equal("county.admin", Claim(shape, "preferred_username").GetValue<string>());
        Assert.Equal(Realm.FindUser("county.admin")!.Id, shape.Subject);
    }

    [Fact]
    public void Scopes_not_included_in_token_scope_are_left_out_of_scope()
    {
        var shape = ShapeFor("gaoqiao.staff");
        Assert.Contains("openday-api", shape.Scopes);
        Assert.DoesNotContain("roles", shape.Scopes); // include.in.token.scope=false in the realm file
    }

    [Fact]
    public void Tenant_claim_disappears_when_the_mapper_is_removed()
    {
        // The shape follows the file: without the tenant mapper there is no tenant claim.
        var withoutTenantMapper = Realm with
        {
            ClientScopes = Realm.ClientScopes.Select(s => s with
            {
                ProtocolMappers = s.ProtocolMappers.Where(m => m["claim.name"] != "tenant").ToList(),
            }).ToList(),
        };
        var shape = KeycloakTokenShape.For(withoutTenantMapper, withoutTenantMapper.FindClient("openday-cli")!,
            withoutTenantMapper.FindUser("gaoqiao.admin")!);
        Assert.DoesNotContain(shape.Claims, c => c.Name == "tenant");
    }

    [Fact]
    public void Every_dev_user_but_the_unassigned_ones_has_a_tenant_and_known_roles_and_is_marked_dev_only()
    {
        var roles = Realm.Roles.Realm.Select(r => r.Name).ToHashSet();
        Assert.Equal(["county-admin", "county-inspector", "openday-service", "unit-admin", "unit-staff"], roles.Order());
        foreach (var user in Realm.Users.Where(u => u.ServiceAccountClientId is null && u.Username is not ("newcomer" or "trainee")))
        {
            Assert.NotNull(user.Tenant);
            Assert.All(user.RealmRoles, role => Assert.Contains(role, roles));
            Assert.All(user.Credentials, c => Assert.StartsWith("dev-only", c.Value));
        }
    }

    [Fact]
    public void Client_roles_are_nested_per_client_under_resource_access()
    {
        var shape = KeycloakTokenShape.For(Realm, Realm.FindClient("openday-units")!, Realm.FindServiceAccount("openday-units")!);
        var roles = Claim(shape, "resource_access")["realm-management"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>());
        Assert.Contains("manage-users", roles);
    }

    [Fact]
    public void Service_accounts_cannot_sign_in_with_a_password()
    {
        Assert.Null(Realm.FindUser("service-account-openday-cli"));
        Assert.NotNull(Realm.FindServiceAccount("openday-cli"));
    }
}
