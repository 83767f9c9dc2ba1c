using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace OpenDay.ServiceDefaults.Authentication;

/// <summary>
/// Validates Keycloak access tokens (or those of the Keycloak-compatible dev provider, which look the same).
/// Configuration section <c>Keycloak</c>: <c>Authority</c> is the realm's public URL, the token issuer
/// (<c>{gateway}/realms/openday</c>); <c>Audience</c> is the API audience (<c>openday-api</c>).
/// </summary>
public static class KeycloakAuthenticationExtensions
{
    public const string DefaultAudience = "openday-api";

    /// <summary>Every non-anonymous endpoint: a signed-in member of a unit (a tenant claim), or an OpenDay service account.</summary>
    public const string MemberOfAUnitOrServicePolicy = "member-of-a-unit-or-service";

    public static TBuilder AddKeycloakJwtBearer<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var section = builder.Configuration.GetSection("Keycloak");
        var authority = section["Authority"]
            ?? throw new InvalidOperationException("Keycloak:Authority is not configured (the realm URL, e.g. http://localhost:8080/realms/openday).");
        var audience = section["Audience"] ?? DefaultAudience;

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.Authority = authority;
                options.Audience = audience;
                options.MapInboundClaims = false;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                // Keys rotate rarely; a token signed by an unknown key triggers a refresh anyway.
                options.RefreshOnIssuerKeyNotFound = true;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = authority.TrimEnd('/'),
                    ValidAudience = audience,
                    NameClaimType = KeycloakClaims.UserName,
                    RoleClaimType = KeycloakClaims.Role,
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = context =>
                    {
                        if (context.Principal?.Identity is ClaimsIdentity identity)
                        {
                            MapRealmRoles(identity);
                        }
                        return Task.CompletedTask;
                    },
                };
            });

        // Every endpoint needs a valid token that names the caller's unit, unless it says otherwise ([AllowAnonymous]).
        var signedInMemberOfAUnit = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .RequireClaim(KeycloakClaims.Tenant)
            .Build();
        builder.Services.AddAuthorizationBuilder()
            .SetDefaultPolicy(signedInMemberOfAUnit)
            .SetFallbackPolicy(signedInMemberOfAUnit)
            // Roles on a method replace the default policy rather than add to it; endpoints carry this one as well, so
            // a role never stands in for a unit. OpenDay's own services calling as themselves name no unit.
            .AddPolicy(MemberOfAUnitOrServicePolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasClaim(c => c.Type == KeycloakClaims.Tenant) || context.User.IsInRole(Roles.Service)));
        return builder;
    }

    /// <summary>Copies Keycloak's <c>realm_access.roles</c> into flat <c>role</c> claims.</summary>
    public static void MapRealmRoles(ClaimsIdentity identity)
    {
        foreach (var realmAccess in identity.FindAll(KeycloakClaims.RealmAccess).ToList())
        {
            try
            {
                using var document = JsonDocument.Parse(realmAccess.Value);
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty("roles", out var roles) &&
                    roles.ValueKind == JsonValueKind.Array)
                {
                    foreach (var role in roles.EnumerateArray())
                    {
                        if (role.ValueKind == JsonValueKind.String && !identity.HasClaim(KeycloakClaims.Role, role.GetString()!))
                        {
                            identity.AddClaim(new Claim(KeycloakClaims.Role, role.GetString()!));
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A malformed realm_access grants no role; the signature already vouched for the rest.
            }
        }
    }
}
