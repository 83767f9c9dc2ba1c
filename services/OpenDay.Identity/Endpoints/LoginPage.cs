using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using OpenDay.Identity.Infrastructure;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace OpenDay.Identity.Endpoints;

/// <summary>A plain sign-in form for the authorization code flow, at Keycloak's login path.</summary>
public static class LoginPage
{
    public static WebApplication MapLoginPage(this WebApplication app)
    {
        app.MapGet(OidcEndpoints.LoginPath, (HttpContext http, IAntiforgery antiforgery, [FromQuery(Name = "ReturnUrl")] string? returnUrl) =>
            Page(http, antiforgery, returnUrl, username: null, error: null)).AllowAnonymous();

        app.MapPost(OidcEndpoints.LoginPath, async (HttpContext http, IAntiforgery antiforgery, UserStore users,
            [FromForm] LoginForm form) =>
        {
            var user = await users.FindByUsernameAsync(form.Username ?? "");
            if (user is null || !OidcEndpoints.PasswordMatches(user, form.Password))
            {
                return Page(http, antiforgery, form.ReturnUrl, form.Username,
                    "用户名或密码错误。Invalid username or password.", StatusCodes.Status401Unauthorized);
            }

            var identity = new ClaimsIdentity(CookieAuthenticationDefaults.AuthenticationScheme, Claims.PreferredUsername, "role");
            identity.AddClaim(new Claim(Claims.Subject, user.Id));
            identity.AddClaim(new Claim(Claims.PreferredUsername, user.Username));
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.LocalRedirect(SafeReturnUrl(http, form.ReturnUrl));
        }).AllowAnonymous();
        return app;
    }

    public sealed class LoginForm
    {
        public string? Username { get; init; }
        public string? Password { get; init; }
        public string? ReturnUrl { get; init; }
    }

    /// <summary>Only back into this provider: an open redirect would hand the session to anyone.</summary>
    private static string SafeReturnUrl(HttpContext http, string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith(http.Request.PathBase + "/", StringComparison.Ordinal) && !url.StartsWith("//")
            ? url
            : http.Request.PathBase + OidcEndpoints.ConfigurationPath;

    private static IResult Page(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? username, string? error,
        int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var e = HtmlEncoder.Default;
        var html = $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>登录 · OpenDay 政府开放日</title>
            <style>body{font-family:system-ui,sans-serif;max-width:22rem;margin:3rem auto;padding:0 1rem}
            label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;font-size:1rem;box-sizing:border-box}
            button{margin-top:1.2rem;width:100%;padding:.6rem;font-size:1rem}.error{color:#b00020}</style></head>
            <body>
            <h1>政府开放日 OpenDay</h1>
            <p>请登录 · Sign in</p>
            {{(error is null ? "" : $"<p class=\"error\" role=\"alert\">{e.Encode(error)}</p>")}}
            <form method="post" action="{{e.Encode(http.Request.PathBase + OidcEndpoints.LoginPath)}}">
              <input type="hidden" name="{{e.Encode(tokens.FormFieldName)}}" value="{{e.Encode(tokens.RequestToken ?? "")}}">
              <input type="hidden" name="ReturnUrl" value="{{e.Encode(returnUrl ?? "")}}">
              <label for="username">用户名 Username</label>
              <input id="username" name="Username" autocomplete="username" required value="{{e.Encode(username ?? "")}}">
              <label for="password">密码 Password</label>
              <input id="password" name="Password" type="password" autocomplete="current-password" required>
              <button type="submit">登录 Sign in</button>
            </form>
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
