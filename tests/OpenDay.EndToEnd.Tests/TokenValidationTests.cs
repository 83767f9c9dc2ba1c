using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.IdentityModel.Tokens;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Only a valid token passes, at the gateway and at every service on its own. The bad tokens are made with the
/// identity provider's real signing key where that matters, so each fails for the one reason it names.
/// </summary>
[Collection(StackCollection.Name)]
public class TokenValidationTests(OpenDayStack stack)
{
    public static TheoryData<string> BadTokens => ["none", "expired", "other-key", "other-audience", "altered-payload", "other-issuer"];

    [Fact]
    public async Task A_token_made_with_the_real_key_and_right_claims_is_accepted()
    {
        // The control for the theories below: the forging itself is sound.
        var token = await stack.ForgeAsync(new ForgedToken());
        Assert.Equal(HttpStatusCode.OK, await GatewayStatusAsync(token));
        Assert.Equal(HttpStatusCode.OK, await DirectStatusAsync(token));
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Gateway_answers_401(string kind) =>
        Assert.Equal(HttpStatusCode.Unauthorized, await GatewayStatusAsync(await BadTokenAsync(kind)));

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Gateway_grpc_answers_unauthenticated(string kind)
    {
        var units = new UnitsService.UnitsServiceClient(stack.GrpcChannel());
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await units.GetMyUnitAsync(new GetMyUnitRequest(), OpenDayStack.Call(await BadTokenAsync(kind))));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Every_service_refuses_it_without_the_gateway(string kind)
    {
        var token = await BadTokenAsync(kind);
        Assert.Equal(HttpStatusCode.Unauthorized, await DirectStatusAsync(token));
        foreach (var service in OpenDayStack.Services)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => CallDirectGrpcAsync(service, token));
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }
    }

    [Fact]
    public async Task Every_service_accepts_a_real_token_without_the_gateway()
    {
        var token = await stack.Tokens.For("gaoqiao.admin");
        foreach (var service in OpenDayStack.Services)
        {
            await CallDirectGrpcAsync(service, token);
        }
    }

    private async Task<HttpStatusCode> GatewayStatusAsync(string? token)
    {
        using var client = stack.Gateway();
        return await StatusAsync(client, token);
    }

    private async Task<HttpStatusCode> DirectStatusAsync(string? token)
    {
        using var client = stack.Direct("units");
        return await StatusAsync(client, token);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units/me");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task CallDirectGrpcAsync(string service, string? token)
    {
        var channel = stack.GrpcChannel(service);
        var options = OpenDayStack.Call(token);
        switch (service)
        {
            case "units": await new UnitsService.UnitsServiceClient(channel).GetMyUnitAsync(new(), options); break;
            case "events": await new Events.V1.EventsService.EventsServiceClient(channel).ListEventsAsync(new(), options); break;
            case "registrations":
                await new Registrations.V1.RegistrationsService.RegistrationsServiceClient(channel).ListAuditEntriesAsync(new(), options);
                break;
            case "assessment": await new Assessment.V1.AssessmentService.AssessmentServiceClient(channel).ListOpinionsAsync(new(), options); break;
            default: throw new ArgumentOutOfRangeException(nameof(service));
        }
    }

    private async Task<string?> BadTokenAsync(string kind) => kind switch
    {
        "none" => null,
        "expired" => await stack.ForgeAsync(new ForgedToken { Expires = DateTime.UtcNow.AddMinutes(-10) }),
        "other-key" => await stack.ForgeAsync(new ForgedToken { RealKey = false }),
        "other-audience" => await stack.ForgeAsync(new ForgedToken { Audience = "another-api" }),
        "other-issuer" => await stack.ForgeAsync(new ForgedToken { Issuer = "http://localhost:1/realms/openday" }),
        "altered-payload" => AlterPayload(await stack.Tokens.For("gaoqiao.admin")),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>A real token whose tenant was changed to another unit's: the signature no longer matches.</summary>
    private static string AlterPayload(string token)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!;
        payload["tenant"] = "housing-bureau";
        parts[1] = Base64UrlEncoder.Encode(payload.ToJsonString());
        return string.Join('.', parts);
    }

}
