using OpenDay.ServiceDefaults.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using OpenDay.Identity.Endpoints;
using OpenDay.Identity.Infrastructure;
using OpenDay.Identity.Realm;
using OpenDay.Platform.Data;

namespace OpenDay.Identity.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDefaults();
        builder.ConfigureServiceEndpoints();
        var settings = builder.Configuration.GetSection("Identity");
        var issuer = settings["Issuer"]
            ?? throw new InvalidOperationException("Identity:Issuer is not configured (the realm's public URL, e.g. http://localhost:8080/realms/openday).");
        var realmFile = settings["RealmFile"] ?? throw new InvalidOperationException("Identity:RealmFile is not configured.");
        var keyDirectory = settings["KeyDirectory"] ?? throw new InvalidOperationException("Identity:KeyDirectory is not configured.");

        var realm = RealmDefinition.Load(realmFile);
        builder.Services.AddSingleton(realm);
        builder.Services.AddScoped<UserStore>();

        // PostgreSQL away: the token endpoint fails fast and is itself again when the server returns (see DatabaseFaults).
        builder.AddNpgsqlDbContext<IdentityStoreDbContext>("identitydb",
            configureSettings: settings => settings.DisableRetry = true,
            configureDbContextOptions: options => options.UseNpgsql(npgsql => npgsql.UseShortRetries()).UseOpenIddict());

        // The gateway forwards the browser's host and scheme; redirects must point there, not here.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        builder.Services.AddAntiforgery();
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = "openday_sso";
                options.LoginPath = OidcEndpoints.LoginPath;
                options.ExpireTimeSpan = TimeSpan.FromSeconds(realm.SsoSessionMaxLifespan);
            });
        builder.Services.AddAuthorizationBuilder().AddAdminPolicies();

        var signingKey = PersistentKeys.LoadOrCreate(keyDirectory, "signing-key");
        var encryptionKey = PersistentKeys.LoadOrCreate(keyDirectory, "encryption-key");

        builder.Services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStoreDbContext>())
            .AddServer(server =>
            {
                server.SetIssuer(new Uri(issuer.TrimEnd('/'), UriKind.Absolute));
                // Relative to the path base /realms/openday: Keycloak's own layout.
                server.SetTokenEndpointUris(OidcEndpoints.TokenPath.TrimStart('/'))
                    .SetAuthorizationEndpointUris(OidcEndpoints.AuthorizationPath.TrimStart('/'))
                    .SetUserInfoEndpointUris(OidcEndpoints.UserInfoPath.TrimStart('/'))
                    .SetEndSessionEndpointUris(OidcEndpoints.EndSessionPath.TrimStart('/'))
                    .SetJsonWebKeySetEndpointUris(OidcEndpoints.JwksPath.TrimStart('/'))
                    .SetIntrospectionEndpointUris(OidcEndpoints.IntrospectionPath.TrimStart('/'))
                    .SetConfigurationEndpointUris(OidcEndpoints.ConfigurationPath.TrimStart('/'));

                server.AllowPasswordFlow()
                    .AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                server.RegisterScopes([.. realm.ClientScopes.Select(s => s.Name), "openid", "offline_access"]);
                server.RegisterClaims(["realm_access", "tenant", "preferred_username", "azp", "typ"]);

                server.AddSigningKey(signingKey);
                server.AddEncryptionKey(encryptionKey);
                // Keycloak's access tokens are signed JWTs that resource servers read; so are these.
                server.DisableAccessTokenEncryption();

                server.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    // TLS ends in front of the gateway; inside the app host everything is loopback HTTP.
                    .DisableTransportSecurityRequirement();
            })
            // Tokens this provider issued, for its admin API.
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseAspNetCore();
            });
    }
}
