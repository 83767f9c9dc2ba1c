using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

// The portal's home page with a full year: 1,000 published open days of three units, then the page rendered again and
// again. Measured straight at the portal's own endpoint (what its server takes, calls to the events and units services
// included), after a warm-up, one request at a time so that the numbers are the render's and not a queue's.
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
var state = Directory.CreateTempSubdirectory("openday-bench-").FullName;

var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.OpenDay_AppHost>(
[
    "--OpenDay:Infrastructure=local", $"--OpenDay:StateDirectory={state}",
    "--OpenDay:GatewayPort=random", "--OpenDay:GatewayGrpcPort=random", "--Logging:LogLevel:Default=Warning",
]);
await using var app = await builder.BuildAsync();
using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
{
    await app.StartAsync(timeout.Token);
    foreach (var resource in new[] { "gateway", "portal" }) await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
}

using var gateway = app.CreateHttpClient("gateway", "http");
using var portal = app.CreateHttpClient("portal", "http");
Console.WriteLine($"Publishing {events} open days …");
var watch = Stopwatch.StartNew();
var units = new[] { "gaoqiao.admin", "yicheng.admin", "housing.admin" };
var tokens = new Dictionary<string, string>();
foreach (var unit in units) tokens[unit] = await TokenAsync(gateway, unit);
string[] forms = ["EVENT_FORM_VISIT_OFFICES", "EVENT_FORM_VISIT_SITES", "EVENT_FORM_ATTEND_MEETING", "EVENT_FORM_FORUM"];
await Parallel.ForAsync(0, events, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
{
    var unit = units[i % units.Length];
    // The seeded 2027 campaign: activity window 09-15 … 10-31, registration open now.
    var start = new DateTime(2027, 9, 15, 1, 0, 0, DateTimeKind.Utc).AddDays(i % 47).AddMinutes(i % 8 * 60);
    var created = await SendAsync(gateway, tokens[unit], "/api/v1/events", new
    {
        title = $"政府开放日第{i + 1}场", theme = i % 3 == 0 ? "优化营商环境" : i % 3 == 1 ? "民生实事" : "高质量发展",
        forms = new[] { forms[i % 4] }, venue = "会议室", capacity = 30, publicSignup = i % 2 == 0,
        startsAt = start, endsAt = start.AddHours(2), agenda = "参观、座谈交流",
    }, ct);
    await SendAsync(gateway, tokens[unit], $"/api/v1/events/{created.GetProperty("id").GetString()}/status", new { status = "EVENT_STATUS_PUBLISHED" }, ct);
});
Console.WriteLine($"  done in {watch.Elapsed.TotalSeconds:F0} s");

var first = await portal.GetStringAsync("/");
if (!first.Contains($"共 <strong>{events}</strong> 场活动", StringComparison.Ordinal)) throw new InvalidOperationException("the home page does not list the published events");

// The plain home page as most visitors see it, and a mix of filters and pages as the rest do.
string[] mixed = ["/", "/?page=2", "/?form=VisitSites", "/?kind=Township", "/?q=营商环境", "/?page=50", "/?from=2027-10-01&to=2027-10-07"];
foreach (var (label, paths) in new[] { ("home page (/)", new[] { "/" }), ("filters and pages", mixed) })
{
    for (var i = 0; i < 200; i++) await GetAsync(portal, paths[i % paths.Length]);
    var times = new List<double>(requests);
    for (var i = 0; i < requests; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await GetAsync(portal, paths[i % paths.Length]);
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
    times.Sort();
    double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
    Console.WriteLine($"Portal {label}, {events} published events, {requests} requests: p50 {P(0.50):F1} ms, p95 {P(0.95):F1} ms, p99 {P(0.99):F1} ms, max {times[^1]:F1} ms");
}

await app.StopAsync();
try { Directory.Delete(state, recursive: true); } catch (IOException) { }
return;

// A busy machine may time a call out inside the stack (503/504): such a call is tried again, anything else is fatal.
static async Task<JsonElement> SendAsync(HttpClient gateway, string token, string path, object body, CancellationToken ct)
{
    for (var attempt = 1; ; attempt++)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await gateway.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode) return JsonDocument.Parse(text).RootElement.Clone();
        if ((int)response.StatusCode < 500 || attempt == 5) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        await Task.Delay(TimeSpan.FromSeconds(attempt), ct);
    }
}

static async Task GetAsync(HttpClient client, string path)
{
    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
    response.EnsureSuccessStatusCode();
}

static async Task<string> TokenAsync(HttpClient gateway, string username)
{
    using var response = await gateway.PostAsync("/realms/openday/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "openday-cli", ["client_secret"] = "dev-only-cli-secret",
        ["username"] = username, ["password"] = "dev-only-password",
    }));
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
}
