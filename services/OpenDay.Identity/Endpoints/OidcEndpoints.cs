using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using OpenDay.Identity.Infrastructure;
using OpenDay.Identity.Realm;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenDay.Identity.Endpoints;

/// <summary>
/// Keycloak's URL layout under the realm's path base (<c>/realms/openday</c>): OpenIddict validates each
/// protocol request, these handlers decide who the user is and sign the result.
/// </summary>
public static class OidcEndpoints
{
    public const string RealmPath = "/realms/openday";
    public const string TokenPath = "/protocol/openid-connect/token";
    public const string AuthorizationPath = "/protocol/openid-connect/auth";
    public const string UserInfoPath = "/protocol/openid-connect/userinfo";
    public const string EndSessionPath = "/protocol/openid-connect/logout";
    public const string JwksPath = "/protocol/openid-connect/certs";
    public const string IntrospectionPath = "/protocol/openid-connect/token/introspect";
    public const string ConfigurationPath = "/.well-known/openid-configuration";
    public const string LoginPath = "/login-actions/authenticate";

    public static WebApplication MapOidcEndpoints(this WebApplication app)
    {
        app.MapPost(TokenPath, (Delegate)Token).AllowAnonymous().DisableAntiforgery();
        app.MapMethods(AuthorizationPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)Authorize).AllowAnonymous().DisableAntiforgery();
        app.MapMethods(UserInfoPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)UserInfo).AllowAnonymous().DisableAntiforgery();
        app.MapMethods(EndSessionPath, [HttpMethods.Get, HttpMethods.Post], (Delegate)EndSession).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Token(HttpContext http, RealmDefinition realm, UserStore users, ILoggerFactory loggers)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var client = realm.FindClient(request.ClientId ?? "");
        if (client is null)
        {
            return Forbid(Errors.InvalidClient, "Invalid client or Invalid client credentials");
        }

        RealmUser? user;
        if (request.IsPasswordGrantType())
        {
            user = await users.FindByUsernameAsync(request.Username ?? "");
            if (user is null || !PasswordMatches(user, request.Password))
            {
                loggers.CreateLogger("OpenDay.Identity.Token").LogWarning(
                    "Password sign-in refused for client {ClientId}", client.ClientId);
                return Forbid(Errors.InvalidGrant, "Invalid user credentials");
            }
        }
        else if (request.IsClientCredentialsGrantType())
        {
            user = await users.FindServiceAccountAsync(client.ClientId);
            if (user is null)
            {
                return Forbid(Errors.UnauthorizedClient, "Client not enabled to retrieve service account");
            }
        }
        else if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // OpenIddict already checked the code or refresh token; the user must still be active.
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            user = await users.FindByIdAsync(result.Principal?.GetClaim(Claims.Subject) ?? "");
            if (user is null)
            {
                return Forbid(Errors.InvalidGrant, "User is disabled or no longer exists");
            }
        }
        else
        {
            return Forbid(Errors.UnsupportedGrantType, "Unsupported grant_type");
        }

        return Results.SignIn(PrincipalFactory.Create(realm, client, user),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Authorize(HttpContext http, RealmDefinition realm, UserStore users)
    {
        var request = http.GetOpenIddictServerRequest()
                      ?? throw new InvalidOperationException("The OpenID Connect request cannot be retrieved.");
        var session = await http.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        var user = session.Succeeded ? await users.FindByIdAsync(session.Principal.FindFirstValue(Claims.Subject) ?? "") : null;
        if (user is null || request.HasPromptValue(PromptValues.Login))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }
            // To the login page, then back to this very request.
            return Results.Challenge(new AuthenticationProperties
            {
                RedirectUri = http.Request.PathBase + http.Request.Path + QueryString.Create(
                    http.Request.HasFormContentType ? http.Request.Form.ToList() : http.Request.Query.ToList()),
            }, [CookieAuthenticationDefaults.AuthenticationScheme]);
        }

        var client = realm.FindClient(request.ClientId ?? "")
                     ?? throw new InvalidOperationException("OpenIddict validated a client the realm does not have.");
        return Results.SignIn(PrincipalFactory.Create(realm, client, user),
            authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfo(HttpContext http, RealmDefinition realm, UserStore users)
    {
        var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var user = await users.FindByIdAsync(result.Principal?.GetClaim(Claims.Subject) ?? "");
        var client = realm.FindClient(result.Principal?.GetClaim(Claims.AuthorizedParty) ?? "");
        if (user is null || client is null)
        {
            return Results.Challenge(new AuthenticationProperties(new Dictionary<string, string?>
            {
                [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidToken,
                [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The user is no longer active.",
            }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        var body = new Dictionary<string, object> { [Claims.Subject] = user.Id };
        foreach (var claim in KeycloakTokenShape.For(realm, client, user).Claims.Where(c => c.Tokens.HasFlag(TokenKinds.UserInfo)))
        {
            body[claim.Name] = claim.Value;
        }
        return Results.Json(body);
    }

    private static async Task<IResult> EndSession(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        // OpenIddict redirects to post_logout_redirect_uri when the client registered it.
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" },
            [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    public static bool PasswordMatches(RealmUser user, string? password) =>
        user.Password is { } expected && password is not null &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(password));

    private static IResult Forbid(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
