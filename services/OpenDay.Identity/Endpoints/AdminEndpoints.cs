using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using OpenDay.Identity.Infrastructure;
using OpenDay.Identity.Realm;
using OpenIddict.Validation.AspNetCore;

namespace OpenDay.Identity.Endpoints;

/// <summary>
/// The part of Keycloak's Admin REST API that OpenDay uses to assign staff to units: find users, set their
/// attributes (the <c>tenant</c>), and map realm roles. Same paths, bodies and rights (the service account's
/// <c>realm-management</c> client roles) as Keycloak, so the units service talks to either unchanged. Not routed by
/// the gateway: only services inside the app host reach it.
/// </summary>
public static class AdminEndpoints
{
    public const string ViewUsers = "view-users";
    public const string ManageUsers = "manage-users";

    public static WebApplication MapAdminEndpoints(this WebApplication app)
    {
        var admin = app.MapGroup("/admin/realms/openday").DisableAntiforgery();
        admin.MapGet("/users", SearchUsers).RequireAuthorization(ViewUsers);
        admin.MapGet("/users/{id}", GetUser).RequireAuthorization(ViewUsers);
        admin.MapPut("/users/{id}", UpdateUser).RequireAuthorization(ManageUsers);
        admin.MapGet("/roles/{name}", GetRole).RequireAuthorization(ViewUsers);
        admin.MapGet("/users/{id}/role-mappings/realm", GetRealmRoles).RequireAuthorization(ViewUsers);
        admin.MapPost("/users/{id}/role-mappings/realm", AddRealmRoles).RequireAuthorization(ManageUsers);
        admin.MapDelete("/users/{id}/role-mappings/realm", RemoveRealmRoles).RequireAuthorization(ManageUsers);
        return app;
    }

    /// <summary>Policies: a token from this realm whose <c>resource_access.realm-management.roles</c> has the right.</summary>
    public static AuthorizationBuilder AddAdminPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var right in new[] { ViewUsers, ManageUsers })
        {
            authorization.AddPolicy(right, policy => policy
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => RealmManagementRoles(context.User).Contains(right)
                                             || (right == ViewUsers && RealmManagementRoles(context.User).Contains(ManageUsers))));
        }
        return authorization;
    }

    private static HashSet<string> RealmManagementRoles(ClaimsPrincipal user)
    {
        var roles = new HashSet<string>();
        foreach (var claim in user.FindAll("resource_access"))
        {
            try
            {
                if (JsonNode.Parse(claim.Value)?["realm-management"]?["roles"] is JsonArray array)
                {
                    roles.UnionWith(array.Select(r => r!.GetValue<string>()));
                }
            }
            catch (JsonException)
            {
                // Malformed: no rights.
            }
        }
        return roles;
    }

    /// <summary><c>?username=x&amp;exact=true</c>, or <c>?q=tenant:gaoqiao-town</c> (attribute search), as Keycloak.</summary>
    private static async Task<IResult> SearchUsers(UserStore users, string? username, bool? exact, string? q)
    {
        IEnumerable<RealmUser> found = (await users.AllAsync()).Where(u => u.ServiceAccountClientId is null);
        if (!string.IsNullOrEmpty(username))
        {
            found = exact == true
                ? found.Where(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase))
                : found.Where(u => u.Username.Contains(username, StringComparison.OrdinalIgnoreCase));
        }
        if (!string.IsNullOrEmpty(q))
        {
            foreach (var term in q.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = (term.Split(':', 2)[0], term.Split(':', 2).ElementAtOrDefault(1) ?? "");
                found = found.Where(u => u.Attributes.GetValueOrDefault(key)?.Contains(value) == true);
            }
        }
        return Results.Json(found.Select(Representation));
    }

    private static async Task<IResult> GetUser(UserStore users, string id) =>
        await FindAnyAsync(users, id) is { } user ? Results.Json(Representation(user)) : UserNotFound();

    /// <summary>Fields present in the body replace the user's; <c>attributes</c> replaces all attributes, as Keycloak does.</summary>
    private static async Task<IResult> UpdateUser(UserStore users, string id, JsonObject body)
    {
        if (await FindAnyAsync(users, id) is not { } user) return UserNotFound();
        var attributes = body["attributes"] is JsonObject given
            ? given.Deserialize<Dictionary<string, List<string>>>(RealmDefinition.JsonOptions) ?? []
            : user.Attributes;
        await users.SaveAsync(user with
        {
            Attributes = attributes,
            Enabled = body["enabled"]?.GetValue<bool>() ?? user.Enabled,
            FirstName = body["firstName"]?.GetValue<string>() ?? user.FirstName,
            LastName = body["lastName"]?.GetValue<string>() ?? user.LastName,
            Email = body["email"]?.GetValue<string>() ?? user.Email,
        });
        return Results.NoContent();
    }

    private static IResult GetRole(RealmDefinition realm, string name) =>
        realm.Roles.Realm.FirstOrDefault(r => r.Name == name) is { } role
            ? Results.Json(RoleRepresentation(role))
            : Results.Json(new { error = "Could not find role" }, statusCode: StatusCodes.Status404NotFound);

    private static async Task<IResult> GetRealmRoles(UserStore users, RealmDefinition realm, string id) =>
        await FindAnyAsync(users, id) is { } user
            ? Results.Json(realm.Roles.Realm.Where(r => user.RealmRoles.Contains(r.Name)).Select(RoleRepresentation))
            : UserNotFound();

    private static Task<IResult> AddRealmRoles(UserStore users, RealmDefinition realm, string id, [FromBody] List<RoleBody> roles) =>
        ChangeRealmRolesAsync(users, realm, id, roles, (current, changed) => current.Union(changed));

    private static Task<IResult> RemoveRealmRoles(UserStore users, RealmDefinition realm, string id, [FromBody] List<RoleBody> roles) =>
        ChangeRealmRolesAsync(users, realm, id, roles, (current, changed) => current.Except(changed));

    private static async Task<IResult> ChangeRealmRolesAsync(UserStore users, RealmDefinition realm, string id, List<RoleBody> roles,
        Func<IEnumerable<string>, IEnumerable<string>, IEnumerable<string>> change)
    {
        if (await FindAnyAsync(users, id) is not { } user) return UserNotFound();
        var names = roles.Select(r => r.Name).ToList();
        if (names.FirstOrDefault(n => realm.Roles.Realm.All(r => r.Name != n)) is { } unknown)
        {
            return Results.Json(new { error = $"Could not find role {unknown}" }, statusCode: StatusCodes.Status404NotFound);
        }
        await users.SaveAsync(user with { RealmRoles = change(user.RealmRoles, names).Distinct().ToList() });
        return Results.NoContent();
    }

    public sealed record RoleBody(string? Id, string Name);

    private static async Task<RealmUser?> FindAnyAsync(UserStore users, string id) =>
        (await users.AllAsync()).FirstOrDefault(u => u.Id == id);

    private static IResult UserNotFound() => Results.Json(new { error = "User not found" }, statusCode: StatusCodes.Status404NotFound);

    private static object Representation(RealmUser user) => new
    {
        id = user.Id,
        username = user.Username,
        enabled = user.Enabled,
        firstName = user.FirstName,
        lastName = user.LastName,
        email = user.Email,
        attributes = user.Attributes,
    };

    // Realm roles have no separate id here; the name serves, and Keycloak clients send back what they were given.
    private static object RoleRepresentation(RealmRole role) => new { id = role.Name, name = role.Name, description = role.Description };
}
