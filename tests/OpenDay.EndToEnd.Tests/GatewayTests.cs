using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenDay.EndToEnd.Tests.Infrastructure;

namespace OpenDay.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public class GatewayTests(OpenDayStack stack)
{
    [Fact]
    public async Task Correlation_id_is_passed_through_and_returned_once()
    {
        using var client = stack.Gateway();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await stack.Tokens.For("gaoqiao.admin"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units/me");
        request.Headers.Add("X-Correlation-Id", "e2e-test-42");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["e2e-test-42"], response.Headers.GetValues("X-Correlation-Id"));

        using var generated = await client.GetAsync("/api/v1/units/me");
        var id = Assert.Single(generated.Headers.GetValues("X-Correlation-Id"));
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task Unknown_and_protected_routes_need_a_token()
    {
        using var client = stack.Gateway();
        using var unknown = await client.GetAsync("/api/v1/nowhere");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        using var grpcRoute = await client.PostAsync("/openday.units.v1.UnitsService/GetMyUnit", new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.Unauthorized, grpcRoute.StatusCode);
    }

    [Fact]
    public async Task Anonymous_routes_are_rate_limited_per_client_with_retry_after()
    {
        using var client = stack.Gateway();
        // Fixed window of 100 requests per 10 s per client address (gateway appsettings). The windows run on the gateway's
        // clock, so a burst may straddle the end of one: more than two windows' worth must overflow at least one of them.
        var responses = await Task.WhenAll(Enumerable.Range(0, 2 * 100 + 10).Select(_ => client.GetAsync("/api/v1/public/units")));
        try
        {
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
            var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
            Assert.NotEmpty(limited);
            Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));

            var first = limited[0];
            var retryAfter = int.Parse(first.Headers.GetValues("Retry-After").Single());
            Assert.InRange(retryAfter, 1, 10);
            var problem = await first.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(429, problem.GetProperty("status").GetInt32());
            Assert.Contains("retry after", problem.GetProperty("detail").GetString());

            // Once the window has passed, the same client is served again.
            await Task.Delay(TimeSpan.FromSeconds(retryAfter + 1));
            using var after = await client.GetAsync("/api/v1/public/units");
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }
}
