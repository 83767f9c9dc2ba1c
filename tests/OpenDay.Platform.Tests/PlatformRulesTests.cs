using System.Security.Claims;
using Google.Rpc;
using Grpc.Core;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.PersonalData;

namespace OpenDay.Platform.Tests;

public class PlatformRulesTests
{
    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19912345678", true)]
    [InlineData("12812345678", false)] // second digit must be 3–9
    [InlineData("1381234567", false)]  // 10 digits
    [InlineData("138123456789", false)]
    [InlineData("1381234567a", false)]
    [InlineData("", false)]
    public void Mobile_numbers_are_11_digits_starting_13_to_19(string value, bool valid) =>
        Assert.Equal(valid, PhoneNumbers.IsMobile(value));

    [Theory]
    [InlineData("0539-2251234", true)]
    [InlineData("05392251234", true)]
    [InlineData("2251234", false)]
    public void Landlines_carry_an_area_code(string value, bool valid) =>
        Assert.Equal(valid, PhoneNumbers.IsMobileOrLandline(value));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0539-2251234", "053*****1234")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    public void Masking_keeps_only_the_first_three_and_last_four(string value, string masked) =>
        Assert.Equal(masked, PhoneNumbers.Mask(value));

    [Fact]
    public void Keycloak_realm_access_roles_become_role_claims()
    {
        var identity = new ClaimsIdentity([new Claim("realm_access", """{"roles":["unit-admin","unit-staff"]}""", "JSON")], "test",
            KeycloakClaims.UserName, KeycloakClaims.Role);
        KeycloakAuthenticationExtensions.MapRealmRoles(identity);
        var principal = new ClaimsPrincipal(identity);
        Assert.True(principal.IsInRole(Roles.UnitAdmin));
        Assert.True(principal.IsInRole(Roles.UnitStaff));
        Assert.False(principal.IsInRole(Roles.CountyAdmin));
    }

    [Fact]
    public void Malformed_realm_access_grants_no_role()
    {
        var identity = new ClaimsIdentity([new Claim("realm_access", "not json")], "test", KeycloakClaims.UserName, KeycloakClaims.Role);
        KeycloakAuthenticationExtensions.MapRealmRoles(identity);
        Assert.Empty(identity.FindAll(KeycloakClaims.Role));
    }

    [Fact]
    public void Field_violations_become_invalid_argument_with_bad_request_details()
    {
        var error = Assert.Throws<RpcException>(() => new FieldViolations()
            .Required("", "title", 10)
            .Required(new string('x', 11), "venue", 10)
            .Check(true, "capacity", "never shown")
            .ThrowIfAny());
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(["title", "venue"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Contains("title", error.Status.Detail);
    }

    [Fact]
    public void No_violation_throws_nothing()
    {
        var violations = new FieldViolations().Required("ok", "title", 10);
        Assert.True(violations.IsValid);
        violations.ThrowIfAny();
    }
}
