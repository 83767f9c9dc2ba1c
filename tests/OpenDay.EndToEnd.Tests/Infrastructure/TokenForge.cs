using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>What goes into a token made by the tests themselves.</summary>
public sealed record ForgedToken
{
    public string Username { get; init; } = "gaoqiao.admin";
    public string Subject { get; init; } = "6f1f6c52-0a5e-4d7e-9d0a-000000000003";
    /// <summary>The unit; null leaves the claim out (a signed-in person not assigned to any unit).</summary>
    public string? Tenant { get; init; } = "gaoqiao-town";
    public string[] Roles { get; init; } = ["unit-admin"];
    public string Audience { get; init; } = "openday-api";
    public string? Issuer { get; init; }
    public DateTime Expires { get; init; } = DateTime.UtcNow.AddMinutes(5);
    /// <summary>Signed with the identity provider's own key (from the state folder), or a stranger's.</summary>
    public bool RealKey { get; init; } = true;
}

/// <summary>
/// Tokens signed with the identity provider's real key (read from the test's own state folder), for users the
/// realm file does not have (a user of a freshly onboarded unit) and for tokens that must fail one check only.
/// </summary>
public static class TokenForge
{
    public static async Task<string> ForgeAsync(this OpenDayStack stack, ForgedToken spec)
    {
        using var client = stack.Gateway();
        var jwks = await client.GetFromJsonAsync<JsonElement>("/realms/openday/protocol/openid-connect/certs");
        var rsa = RSA.Create(2048);
        if (spec.RealKey) rsa.ImportFromPem(await File.ReadAllTextAsync(stack.SigningKeyFile));
        var key = new RsaSecurityKey(rsa) { KeyId = jwks.GetProperty("keys")[0].GetProperty("kid").GetString() };

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer ?? stack.RealmUrl,
            Audience = spec.Audience,
            IssuedAt = spec.Expires.AddMinutes(-5),
            NotBefore = spec.Expires.AddMinutes(-5),
            Expires = spec.Expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = Claims(spec),
        });
    }

    private static Dictionary<string, object> Claims(ForgedToken spec)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = spec.Subject,
            ["preferred_username"] = spec.Username,
            ["azp"] = "openday-cli",
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = spec.Roles },
        };
        if (spec.Tenant is not null) claims["tenant"] = spec.Tenant;
        return claims;
    }
}
