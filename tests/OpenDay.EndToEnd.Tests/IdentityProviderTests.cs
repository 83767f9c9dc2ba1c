using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.Tokens;
using OpenDay.EndToEnd.Tests.Infrastructure;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// The identity provider behind the gateway answers as a Keycloak realm built from the same file would:
/// its URL layout, its token claims and role layout, and its flows.
/// </summary>
[Collection(StackCollection.Name)]
public partial class IdentityProviderTests(OpenDayStack stack)
{
    private const string RedirectUri = "http://127.0.0.1:8400/signin-callback";
    private const string PostLogoutRedirectUri = "http://127.0.0.1:8400/";

    private static readonly JsonNode Realm = JsonNode.Parse(File.ReadAllText(
        Path.Combine(AppContext.BaseDirectory, "openday-realm.json")))!;

    [Fact]
    public async Task Discovery_document_has_keycloaks_issuer_and_endpoint_layout()
    {
        using var client = stack.Gateway();
        var discovery = await client.GetFromJsonAsync<JsonElement>("/realms/openday/.well-known/openid-configuration");
        var realm = stack.RealmUrl;
        Assert.Equal(realm, discovery.GetProperty("issuer").GetString());
        Assert.Equal($"{realm}/protocol/openid-connect/auth", discovery.GetProperty("authorization_endpoint").GetString());
        Assert.Equal($"{realm}/protocol/openid-connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal($"{realm}/protocol/openid-connect/certs", discovery.GetProperty("jwks_uri").GetString());
        Assert.Equal($"{realm}/protocol/openid-connect/userinfo", discovery.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal($"{realm}/protocol/openid-connect/logout", discovery.GetProperty("end_session_endpoint").GetString());

        var keys = (await client.GetFromJsonAsync<JsonElement>("/realms/openday/protocol/openid-connect/certs")).GetProperty("keys");
        Assert.Contains(keys.EnumerateArray(), k => k.GetProperty("kty").GetString() == "RSA" && k.GetProperty("use").GetString() == "sig");
    }

    /// <summary>The realm file's people with a unit (those without one are assigned in <see cref="StaffAssignmentTests"/>).</summary>
    public static TheoryData<string> DevUsers => new(Realm["users"]!.AsArray()
        .Where(u => u!["serviceAccountClientId"] is null && u["attributes"]?["tenant"] is not null)
        .Select(u => u!["username"]!.GetValue<string>()));

    [Theory]
    [MemberData(nameof(DevUsers))]
    public async Task Access_token_carries_the_claims_the_realm_file_defines(string username)
    {
        var user = Realm["users"]!.AsArray().Single(u => u!["username"]!.GetValue<string>() == username)!;
        var (header, payload) = Decode(await stack.Tokens.For(username));

        Assert.Equal("RS256", header["alg"]!.GetValue<string>());
        Assert.Equal(stack.RealmUrl, payload["iss"]!.GetValue<string>());
        Assert.Equal(user["id"]!.GetValue<string>(), payload["sub"]!.GetValue<string>());
        Assert.Equal(username, payload[MapperClaim("oidc-usermodel-property-mapper")]!.GetValue<string>());
        Assert.Equal(user["attributes"]!["tenant"]![0]!.GetValue<string>(), payload[MapperClaim("oidc-usermodel-attribute-mapper")]!.GetValue<string>());
        Assert.Equal(Tokens.CliClient, payload["azp"]!.GetValue<string>());
        Assert.Equal("Bearer", payload["typ"]!.GetValue<string>());

        var audience = Mapper("oidc-audience-mapper")["config"]!["included.client.audience"]!.GetValue<string>();
        Assert.Contains(audience, Audiences(payload));

        // "realm_access.roles" in the mapper means {"realm_access": {"roles": [...]}} in the token.
        var rolePath = MapperClaim("oidc-usermodel-realm-role-mapper").Split('.');
        JsonNode roles = payload;
        foreach (var segment in rolePath) roles = roles[segment]!;
        Assert.Equal(user["realmRoles"]!.AsArray().Select(r => r!.GetValue<string>()),
            roles.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_invalid_grant()
    {
        using var client = stack.Gateway();
        using var response = await client.PostAsync(Tokens.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = Tokens.CliClient, ["client_secret"] = Tokens.CliSecret,
            ["username"] = "gaoqiao.admin", ["password"] = "guess",
        }));
        Assert.False(response.IsSuccessStatusCode);
        Assert.Equal("invalid_grant", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Browser_client_may_not_use_the_password_grant()
    {
        using var client = stack.Gateway();
        using var response = await client.PostAsync(Tokens.TokenPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "openday-web", ["username"] = "gaoqiao.admin", ["password"] = Tokens.Password,
        }));
        Assert.False(response.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Client_credentials_give_the_service_account_token()
    {
        var body = await stack.Tokens.RequestAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = Tokens.CliClient, ["client_secret"] = Tokens.CliSecret,
        });
        var (_, payload) = Decode(body.GetProperty("access_token").GetString()!);
        Assert.Equal("service-account-openday-cli", payload["preferred_username"]!.GetValue<string>());
        Assert.Equal("county-office", payload["tenant"]!.GetValue<string>());
    }

    [Fact]
    public async Task Authorization_code_with_pkce_then_refresh_userinfo_and_logout()
    {
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies })
        {
            BaseAddress = stack.GatewayUrl,
        };
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = "/realms/openday/protocol/openid-connect/auth?client_id=openday-web&response_type=code" +
                        $"&redirect_uri={Uri.EscapeDataString(RedirectUri)}&scope=openid%20profile&state=s-123" +
                        $"&code_challenge={challenge}&code_challenge_method=S256";

        // Not signed in: to the login page, on the gateway's own origin.
        using var first = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var loginUrl = new Uri(stack.GatewayUrl, first.Headers.Location!);
        Assert.Equal(stack.GatewayUrl.Authority, loginUrl.Authority);
        Assert.Equal("/realms/openday/login-actions/authenticate", loginUrl.AbsolutePath);

        var page = await browser.GetStringAsync(loginUrl);
        var hidden = HiddenField().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));

        // A wrong password shows the form again with a clear message.
        using var refused = await browser.PostAsync(loginUrl.AbsolutePath, new FormUrlEncodedContent(
            hidden.Concat([new("Username", "gaoqiao.admin"), new("Password", "wrong")])));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("Invalid username or password", await refused.Content.ReadAsStringAsync());

        using var signedIn = await browser.PostAsync(loginUrl.AbsolutePath, new FormUrlEncodedContent(
            hidden.Concat([new("Username", "gaoqiao.admin"), new("Password", Tokens.Password)])));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        using var back = await browser.GetAsync(signedIn.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        var callback = back.Headers.Location!;
        Assert.StartsWith(RedirectUri, callback.ToString());
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("s-123", query["state"]);

        var tokens = await stack.Tokens.RequestAsync(new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = "openday-web", ["code"] = query["code"]!,
            ["redirect_uri"] = RedirectUri, ["code_verifier"] = verifier,
        });
        var (_, access) = Decode(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal("gaoqiao-town", access["tenant"]!.GetValue<string>());
        Assert.Equal("openday-web", access["azp"]!.GetValue<string>());
        Assert.True(tokens.TryGetProperty("id_token", out _));

        var refreshed = await stack.Tokens.RequestAsync(new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = "openday-web",
            ["refresh_token"] = tokens.GetProperty("refresh_token").GetString()!,
        });
        var accessToken = refreshed.GetProperty("access_token").GetString()!;
        Assert.Equal("gaoqiao.admin", Decode(accessToken).Payload["preferred_username"]!.GetValue<string>());

        using var userInfoRequest = new HttpRequestMessage(HttpMethod.Get, "/realms/openday/protocol/openid-connect/userinfo");
        userInfoRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var userInfo = await browser.SendAsync(userInfoRequest);
        var claims = await userInfo.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gaoqiao-town", claims.GetProperty("tenant").GetString());
        Assert.Equal("gaoqiao.admin", claims.GetProperty("preferred_username").GetString());

        using var logout = await browser.GetAsync("/realms/openday/protocol/openid-connect/logout?client_id=openday-web" +
                                                  $"&post_logout_redirect_uri={Uri.EscapeDataString(PostLogoutRedirectUri)}");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith(PostLogoutRedirectUri, logout.Headers.Location!.ToString());

        // The session is over: authorizing again asks for the password again.
        using var again = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("/login-actions/authenticate", again.Headers.Location!.ToString());
    }

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();

    private static JsonNode Mapper(string type) => Realm["clientScopes"]!.AsArray()
        .SelectMany(s => s!["protocolMappers"]!.AsArray())
        .Single(m => m!["protocolMapper"]!.GetValue<string>() == type)!;

    private static string MapperClaim(string type) => Mapper(type)["config"]!["claim.name"]!.GetValue<string>();

    private static IEnumerable<string> Audiences(JsonNode payload) => payload["aud"] is JsonArray array
        ? array.Select(a => a!.GetValue<string>())
        : [payload["aud"]!.GetValue<string>()];

    private static (JsonNode Header, JsonNode Payload) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        return (JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!, JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!);
    }
}
