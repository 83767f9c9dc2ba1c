using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using OpenDay.Assessment.V1;
using OpenDay.Events.V1;
using OpenDay.Portal.Api;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.Portal.Console;

/// <summary>
/// The staff console's sign-in: OpenID Connect authorization code with PKCE against the realm's public browser client
/// (<c>openday-web</c>), through the gateway's <c>/realms/…</c> (the token issuer is the gateway's origin). Tokens stay on
/// the server (<see cref="ConsoleSessionStore"/>); the roles shown in the console come from the access token the services
/// will see, and only hide what they cannot do — every decision is the services'.
/// </summary>
public static class ConsoleSetup
{
    public const string ClientId = "openday-web";
    public const string CountyRoles = "county-admin,county-inspector";
    public const string UnitRoles = "unit-admin,unit-staff";

    public static void AddConsole(this IHostApplicationBuilder builder)
    {
        var authority = builder.Configuration["Keycloak:Authority"]
            ?? throw new InvalidOperationException("Keycloak:Authority is not configured (the realm URL, e.g. http://localhost:8080/realms/openday).");
        builder.AddRedisClient("redis");
        builder.Services.AddSingleton<ConsoleSessionStore>();
        builder.Services.AddSingleton<ConsoleTokens>();
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<ConsoleSessionStore>((options, store) => options.SessionStore = store);

        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "openday-console";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = ConsoleSessionStore.MaxLifetime;
                options.SlidingExpiration = false;
                options.AccessDeniedPath = "/console/forbidden";
                options.LoginPath = "/console/signin";
            })
            .AddOpenIdConnect(options =>
            {
                options.Authority = authority;
                options.RequireHttpsMetadata = authority.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
                options.ClientId = ClientId;
                options.ResponseType = OpenIdConnectResponseType.Code;
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                options.Scope.Clear();
                foreach (var scope in new[] { "openid", "profile", "openday-api" }) options.Scope.Add(scope);
                options.CallbackPath = "/console/signin-oidc";
                options.SignedOutCallbackPath = "/console/signout-callback-oidc";
                options.SignedOutRedirectUri = "/console/signed-out";
                // The provider answers on the same origin (the gateway): Lax is enough, and plain http stays usable in development.
                options.CorrelationCookie.SameSite = options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.CorrelationCookie.SecurePolicy = options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.TokenValidationParameters.NameClaimType = "preferred_username";
                options.TokenValidationParameters.RoleClaimType = "role";
                options.Events.OnTokenValidated = context =>
                {
                    if (context.Principal?.Identity is ClaimsIdentity identity && context.TokenEndpointResponse?.AccessToken is { } accessToken)
                    {
                        CopyAccessClaims(identity, accessToken);
                    }
                    return Task.CompletedTask;
                };
            });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();

        // The services as the signed-in user (ConsoleApi adds the token and the deadline to every call).
        builder.Services.AddGrpcClient<EventsService.EventsServiceClient>(ConsoleApi.EventsClient, o => o.Address = new Uri("http://_grpc.events"));
        builder.Services.AddGrpcClient<RegistrationsService.RegistrationsServiceClient>(ConsoleApi.RegistrationsClient, o => o.Address = new Uri("http://_grpc.registrations"));
        builder.Services.AddGrpcClient<UnitsService.UnitsServiceClient>(ConsoleApi.UnitsClient, o => o.Address = new Uri("http://_grpc.units"));
        builder.Services.AddGrpcClient<AssessmentService.AssessmentServiceClient>(ConsoleApi.AssessmentClient, o => o.Address = new Uri("http://_grpc.assessment"));
        builder.Services.AddScoped<ConsoleApi>();
    }

    /// <summary>
    /// Roles and unit as the services will read them: from the access token the provider has just issued to this app over
    /// its back channel (the ID token carries no roles in this realm, as in Keycloak's default mappers).
    /// </summary>
    private static void CopyAccessClaims(ClaimsIdentity identity, string accessToken)
    {
        var token = new JsonWebToken(accessToken);
        if (token.TryGetPayloadValue<string>("tenant", out var tenant) && !identity.HasClaim(c => c.Type == "tenant"))
        {
            identity.AddClaim(new Claim("tenant", tenant));
        }
        if (token.TryGetPayloadValue<JsonElement>("realm_access", out var realmAccess) && realmAccess.ValueKind == JsonValueKind.Object
            && realmAccess.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in roles.EnumerateArray())
            {
                if (role.GetString() is { } name) identity.AddClaim(new Claim("role", name));
            }
        }
    }

    /// <summary>Sign-in (and back), sign-out (here and at the provider), and no caching of any console page.</summary>
    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapGet("/console/signin", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = LocalConsoleUrl(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));

        app.MapPost("/console/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(http);
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/console/signed-out" },
                [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
        }).DisableAntiforgery();

        // The files a service renders for this user, downloaded by the browser. The services decide what each holds: the
        // year's score table (county roles); an event's roster, masked; the opinion ledger (a unit's own, the county's every
        // unit's); a questionnaire's results (its unit, supervisors and the county; anyone else's is not found).
        app.MapGet("/console/county/scores/{year:int}.xlsx", (int year, HttpContext http) =>
            DownloadAsync<AssessmentService.AssessmentServiceClient>(http, ConsoleApi.AssessmentClient,
                (client, options) => client.ExportScoresAsync(new GetScoreTableRequest { Year = year }, options), $"考核结果-{year}.xlsx"))
            .RequireAuthorization();
        app.MapGet("/console/events/{id}/roster.{format:regex(^(xlsx|csv)$)}", (string id, string format, HttpContext http) =>
            DownloadAsync<RegistrationsService.RegistrationsServiceClient>(http, ConsoleApi.RegistrationsClient,
                (client, options) => client.ExportRosterAsync(new ExportRosterRequest { EventId = id, Format = FormatOf(format) }, options),
                $"参加人员名单-{id}.{format}"))
            .RequireAuthorization();
        app.MapGet("/console/opinions/ledger.{format:regex(^(xlsx|csv)$)}", (string format, HttpContext http, TimeProvider time) =>
            DownloadAsync<AssessmentService.AssessmentServiceClient>(http, ConsoleApi.AssessmentClient,
                (client, options) => client.ExportOpinionsAsync(new ExportOpinionsRequest { Format = FormatOf(format) }, options),
                $"意见建议台账-{ChinaDates.Today(time)}.{format}"))
            .RequireAuthorization();
        app.MapGet("/console/questionnaires/{id}/results.{format:regex(^(xlsx|csv)$)}", (string id, string format, HttpContext http) =>
            DownloadAsync<AssessmentService.AssessmentServiceClient>(http, ConsoleApi.AssessmentClient,
                (client, options) => client.ExportQuestionnaireResultsAsync(new ExportQuestionnaireResultsRequest { Id = id, Format = FormatOf(format) }, options),
                $"政策评价结果-{id}.{format}"))
            .RequireAuthorization();
        return app;
    }

    private static ExportFormat FormatOf(string extension) => extension == "xlsx" ? ExportFormat.Xlsx : ExportFormat.Csv;

    /// <summary>
    /// A file a service renders for the signed-in user, downloaded by the browser outside the circuit: called with the
    /// session's token (refreshed when due) and the console's deadline; a lapsed session signs in again and comes back; the
    /// service's refusals as 404 / 403.
    /// </summary>
    private static async Task<IResult> DownloadAsync<TClient>(HttpContext http, string clientName,
        Func<TClient, Grpc.Core.CallOptions, Grpc.Core.AsyncUnaryCall<Google.Api.HttpBody>> export, string fileName) where TClient : class
    {
        var session = http.User.FindFirst(ConsoleSessionStore.SessionKeyClaim)?.Value;
        if (session is null) return Results.Challenge();
        string token;
        try
        {
            token = await http.RequestServices.GetRequiredService<ConsoleTokens>().AccessTokenAsync(session, http.RequestAborted);
        }
        catch (ConsoleSessionExpiredException)
        {
            return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.Path }, [OpenIdConnectDefaults.AuthenticationScheme]);
        }
        var client = http.RequestServices.GetRequiredService<Grpc.Net.ClientFactory.GrpcClientFactory>().CreateClient<TClient>(clientName);
        try
        {
            var file = await export(client, ConsoleApi.Options(token, http.RequestServices.GetRequiredService<IConfiguration>(), http.RequestAborted));
            return Results.File(file.Data.ToByteArray(), file.ContentType, fileName);
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.NotFound or Grpc.Core.StatusCode.InvalidArgument)
        {
            return Results.NotFound();
        }
        catch (Grpc.Core.RpcException e) when (e.StatusCode is Grpc.Core.StatusCode.PermissionDenied)
        {
            return Results.Forbid();
        }
    }

    /// <summary>Signed-in pages must not be kept by the browser: after sign-out, Back shows the sign-in page, not old data.</summary>
    public static IApplicationBuilder UseConsoleNoStore(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/console"))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
        }
        await next();
    });

    /// <summary>Only back into the console: an open redirect would hand a signed-in user to anyone.</summary>
    private static string LocalConsoleUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith("/console", StringComparison.Ordinal) && !url.StartsWith("//", StringComparison.Ordinal)
            && !url.Contains('\\', StringComparison.Ordinal)
            ? url
            : "/console";
}
