using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;

// eng/bench.sh: issue 15's table, every row and its ceiling measured in one run on this machine. The AppHost's Release
// build runs in the production profile from a fresh state folder, as its own process (what `dotnet run` would start,
// without the wrapper); load comes from wrk, the database's ceiling from pgbench on the stack's own PostgreSQL, the
// web ceiling from a bare Kestrel. Arguments: [large listing size=100000] [seconds per load run=20] [JSON file].
var largeSize = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
var seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var repository = FindRepository();
var jsonFile = args.Length > 2 ? Path.GetFullPath(args[2]) : Path.Combine(repository, "bench-results.json");
var state = Directory.CreateTempSubdirectory("openday-bench-").FullName;
var lua = Path.Combine(AppContext.BaseDirectory, "wrk");
var rows = new RowList();
var profiles = new List<object>(); // where the CPU went during each load run
var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
Console.WriteLine($"OpenDay benchmark: {Environment.ProcessorCount} cores, load average {string.Join(' ', load)} at the start; state {state}");

var (gatewayPort, grpcPort) = (FreePort(), FreePort());
var gatewayUrl = $"http://localhost:{gatewayPort}";
var appHost = StartAppHost();
var started = Stopwatch.StartNew();
using var http = new HttpClient { BaseAddress = new Uri(gatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
try
{
    // Start: from launching the AppHost to the gateway answering healthy (it waits for every other process).
    await WaitHealthyAsync(http, appHost, TimeSpan.FromMinutes(5));
    var startSeconds = started.Elapsed.TotalSeconds;
    Console.WriteLine($"Stack healthy after {startSeconds:F1} s");

    // Idle memory: every process the AppHost started (orchestrator, dashboard, services, PostgreSQL, Redis) and itself.
    await Task.Delay(TimeSpan.FromSeconds(10));
    var (rssMb, pssMb, processes, pssByPart) = TreeMemory(appHost.Id);
    Console.WriteLine($"  idle memory by part, PSS MB: {pssByPart}");
    rows.Add(new Row("start, after a build (AppHost launched → gateway healthy)", startSeconds, "s", null, null, "< 30 s", startSeconds < 30));
    rows.Add(new Row($"idle memory of the stack ({processes} processes; PSS {pssMb:F0} MB: {pssByPart})", rssMb, "MB RSS", null, null, "≤ 1,700 MB (half of 3.4 GB)", rssMb <= 1700));

    var postgres = PostgresConnection();
    var tokens = new Dictionary<string, string>();
    foreach (var user in new[] { "gaoqiao.admin", "yicheng.admin", "housing.admin" }) tokens[user] = await TokenAsync(http, user);

    // Sign-ups: one public event; the first run right after start, the second warm.
    var signUpEvent = await CreatePublishedEventAsync(http, tokens["yicheng.admin"], 0, capacity: 30, publicSignup: true);
    var probes = await WaitForRosterAsync(http, signUpEvent);
    var codesFile = Path.Combine(state, "acknowledged");
    var cold = Wrk("signup.lua", $"{gatewayUrl}/api/v1/public/registrations/events/{signUpEvent}/applications", 64, Math.Max(5, seconds / 2), "1", codesFile);
    var warm = Wrk("signup.lua", $"{gatewayUrl}/api/v1/public/registrations/events/{signUpEvent}/applications", 64, seconds, "2", codesFile);
    var pgbench = PgBench(postgres, seconds);
    var codes = Directory.GetFiles(state, "acknowledged.*").SelectMany(File.ReadAllLines).Where(c => c.Length > 0).ToList();
    var (stored, found, confirmed, capacity) = await SignUpsStoredAsync(postgres, signUpEvent, codes);
    var acknowledged = codes.Count;
    var signUpRatio = warm.PerSecond / pgbench;
    rows.Add(new Row($"public sign-ups on one event, wrk 64 connections, through the gateway (right after start: {cold.PerSecond:F0}/s, p99 {cold.P99Ms:F0} ms)",
        warm.PerSecond, $"/s warm, p99 {warm.P99Ms:F0} ms", pgbench, signUpRatio, "≥ 0.33, p99 < 100 ms", signUpRatio >= 0.33 && warm.P99Ms < 100,
        $"pgbench single-row INSERT, unique index, 16 clients, on the stack's PostgreSQL: {pgbench:F0}/s"));
    var missing = acknowledged - found;
    rows.Add(new Row($"acknowledged sign-ups missing (of {acknowledged} reference codes answered, {found} stored; {stored} stored in all, " +
                     $"the rest answered after wrk stopped counting); confirmed {confirmed} of {capacity} seats",
        missing, "missing", null, null, "0 missing, none overbooked", missing <= 0 && confirmed <= capacity));

    // The cached listing against a bare Kestrel hello-world.
    (await http.GetAsync("/api/v1/public/events")).EnsureSuccessStatusCode();
    var cached = Wrk("summary.lua", $"{gatewayUrl}/api/v1/public/events", 64, seconds);
    var hello = HelloWorld(seconds);
    var listingRatio = cached.PerSecond / hello;
    rows.Add(new Row("cached public listing through the gateway, wrk 64 connections", cached.PerSecond, $"req/s, p99 {cached.P99Ms:F0} ms",
        hello, listingRatio, "≥ 0.40", listingRatio >= 0.40, $"a bare Kestrel hello-world, Release: {hello:F0} req/s"));

    // The uncached listing at 1,000 and at the large size: the same queries, the cache version bumped between.
    var uncached = new Dictionary<int, (WrkResult One, WrkResult Many)>();
    var templates = new List<Guid> { signUpEvent };
    templates.Add(await CreatePublishedEventAsync(http, tokens["gaoqiao.admin"], 1, capacity: 30, publicSignup: false));
    templates.Add(await CreatePublishedEventAsync(http, tokens["housing.admin"], 2, capacity: 30, publicSignup: true));
    foreach (var size in new[] { 1000, largeSize })
    {
        await GrowEventsAsync(postgres, templates, size);
        await BumpPublicVersionAsync(appHost.Id);
        var one = Wrk("uncached.lua", $"{gatewayUrl}/api/v1/public/events", 1, Math.Max(5, seconds / 2), $"{size}1");
        var many = Wrk("uncached.lua", $"{gatewayUrl}/api/v1/public/events", 64, Math.Max(5, seconds / 2), $"{size}2");
        uncached[size] = (one, many);
        Console.WriteLine($"  uncached listing at {size} events: p99 {one.P99Ms:F0} ms (1 connection), {many.P99Ms:F0} ms (64); {many.PerSecond:F0} req/s");
    }
    var plans = await ListingPlansAsync(postgres);
    rows.Add(new Row($"the listing's two orders at {largeSize / 1000}k events read an index (EXPLAIN: {plans})", plans.Contains("Sort", StringComparison.Ordinal) ? 0 : 1,
        "(1 = no sort of the table)", null, null, "index scans, no sort", !plans.Contains("Sort", StringComparison.Ordinal)));
    var (small, large) = (uncached[1000], uncached[largeSize]);
    var growthOne = large.One.P99Ms / small.One.P99Ms;
    var growthMany = large.Many.P99Ms / small.Many.P99Ms;
    rows.Add(new Row($"uncached public listing p99, 1k → {largeSize / 1000}k events: {small.One.P99Ms:F0} → {large.One.P99Ms:F0} ms (1 connection); " +
                     $"{small.Many.P99Ms:F0} → {large.Many.P99Ms:F0} ms (64)", Math.Max(growthOne, growthMany), "× (worse of the two)",
        null, null, "≤ 1.5×", growthOne <= 1.5 && growthMany <= 1.5));

    await PrintAndWriteAsync(rows, profiles, jsonFile, load);
}
finally
{
    StopAppHost(appHost);
    try { Directory.Delete(state, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
}
return;

Process StartAppHost()
{
    var assembly = Path.Combine(repository, "OpenDay.AppHost", "bin", "Release", "net10.0", "OpenDay.AppHost.dll");
    if (!File.Exists(assembly)) throw new InvalidOperationException($"{assembly} is missing: eng/bench.sh builds it (dotnet build OpenDay.AppHost -c Release).");
    var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.Combine(repository, "OpenDay.AppHost"), RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var arg in new[]
             {
                 assembly, "--OpenDay:Profile=production", "--OpenDay:Infrastructure=local", $"--OpenDay:StateDirectory={state}",
                 $"--OpenDay:GatewayPort={gatewayPort}", $"--OpenDay:GatewayGrpcPort={grpcPort}",
                 // The benchmark is one client address sending thousands of requests: the gateway's per-address limits raised.
                 "--OpenDay:Environment:gateway:RateLimits__SignUp__PermitLimit=100000000",
                 "--OpenDay:Environment:gateway:RateLimits__Anonymous__PermitLimit=100000000",
                 "--OpenDay:Environment:gateway:RateLimits__Identity__PermitLimit=100000000",
                 "--OpenDay:Environment:gateway:RateLimits__Portal__PermitLimit=100000000",
             })
    {
        start.ArgumentList.Add(arg);
    }
    // What the http launch profile sets, on ports of this run's own (other stacks may be running).
    start.Environment["DOTNET_ENVIRONMENT"] = "Development";
    start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
    start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
    start.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
    start.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
    start.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
    start.Environment["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true";
    var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the AppHost");
    var log = new StreamWriter(Path.Combine(state, "apphost.log")) { AutoFlush = true };
    process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

void StopAppHost(Process process)
{
    if (process.HasExited) return;
    // SIGTERM: the AppHost stops what it started; whatever is left after half a minute is killed.
    using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])) term?.WaitForExit();
    if (!process.WaitForExit(TimeSpan.FromSeconds(30))) process.Kill(entireProcessTree: true);
}

async Task WaitHealthyAsync(HttpClient client, Process process, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    while (DateTime.UtcNow < deadline)
    {
        if (process.HasExited) throw new InvalidOperationException($"the AppHost exited ({process.ExitCode}); see {state}/apphost.log");
        try
        {
            using var response = await client.GetAsync("/health");
            if (response.IsSuccessStatusCode) return;
        }
        catch (HttpRequestException) { }
        catch (TaskCanceledException) { }
        await Task.Delay(200);
    }
    throw new TimeoutException($"the gateway was not healthy after {timeout}; see {state}/apphost.log");
}

NpgsqlConnectionStringBuilder PostgresConnection()
{
    // The server's own record of its port (line 4 of postmaster.pid), and the password local mode generated.
    var port = File.ReadAllLines(Path.Combine(state, "postgres", "postmaster.pid"))[3].Trim();
    return new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = int.Parse(port, CultureInfo.InvariantCulture), Username = "postgres",
        Password = File.ReadAllText(Path.Combine(state, "postgres.password")).Trim(), Pooling = false,
    };
}

double PgBench(NpgsqlConnectionStringBuilder server, int duration)
{
    using (var connection = new NpgsqlConnection(server.ConnectionString))
    {
        connection.Open();
        using var create = new NpgsqlCommand("DROP DATABASE IF EXISTS benchdb; ", connection);
        create.ExecuteNonQuery();
        using var created = new NpgsqlCommand("CREATE DATABASE benchdb", connection);
        created.ExecuteNonQuery();
    }
    var bench = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "benchdb" };
    using (var connection = new NpgsqlConnection(bench.ConnectionString))
    {
        connection.Open();
        using var table = new NpgsqlCommand("CREATE TABLE inserts (id bigserial PRIMARY KEY, k text NOT NULL UNIQUE, at timestamptz NOT NULL DEFAULT now())", connection);
        table.ExecuteNonQuery();
    }
    var script = Path.Combine(state, "insert.sql");
    File.WriteAllText(script, "INSERT INTO inserts (k) VALUES (md5(random()::text || clock_timestamp()::text));\n");
    var output = Run(Binary("pgbench"), ["-n", "-h", "127.0.0.1", "-p", server.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres",
        "-c", "16", "-j", "2", "-T", duration.ToString(CultureInfo.InvariantCulture), "-f", script, "benchdb"],
        new() { ["PGPASSWORD"] = server.Password! });
    var tps = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
    return double.Parse(tps["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
}

double HelloWorld(int duration)
{
    var assembly = Path.Combine(repository, "bench", "OpenDay.Bench.Hello", "bin", "Release", "net10.0", "OpenDay.Bench.Hello.dll");
    var port = FreePort();
    var start = new ProcessStartInfo("dotnet", [assembly]) { RedirectStandardOutput = true, RedirectStandardError = true };
    start.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}";
    using var process = Process.Start(start)!;
    try
    {
        using var client = new HttpClient();
        for (var i = 0; ; i++)
        {
            try { if (client.GetAsync($"http://localhost:{port}/").Result.IsSuccessStatusCode) break; }
            catch (AggregateException) when (i < 100) { Thread.Sleep(100); }
        }
        return Wrk("summary.lua", $"http://localhost:{port}/", 64, duration).PerSecond;
    }
    finally
    {
        process.Kill();
    }
}

WrkResult Wrk(string script, string url, int connections, int duration, params string[] arguments)
{
    var threads = Math.Min(connections, 2);
    var cpuBefore = CpuTicks();
    var output = Run("wrk", ["-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
        "-d", $"{duration}s", "--timeout", "10s", "-s", Path.Combine(lua, script), url, "--", .. (arguments.Length > 0 ? arguments : ["0"])]);
    var json = JsonNode.Parse(output.Split('\n').Last(l => l.StartsWith('{')))!;
    var result = new WrkResult((long)json["requests"]!, (long)json["acknowledged"]!, (long)json["duration_us"]! / 1e6,
        (long)json["p50_us"]! / 1000.0, (long)json["p99_us"]! / 1000.0, (long)json["errors"]!);
    Console.WriteLine($"  wrk {script} c={connections} {duration}s {url}: {result.Requests} requests, {result.Acknowledged} answered 200 " +
                      $"({result.PerSecond:F0}/s), p50 {result.P50Ms:F1} ms, p99 {result.P99Ms:F1} ms, {result.Errors} socket errors");
    var profile = CpuProfile.Between(cpuBefore, CpuTicks());
    Console.WriteLine($"    where the CPU went: {profile}");
    profiles.Add(new { run = $"{script} c={connections} {url}", busyShare = profile.BusyShare, shares = profile.Shares });
    return result;
}

async Task<Guid> CreatePublishedEventAsync(HttpClient client, string token, int i, int capacity, bool publicSignup)
{
    // The seeded 2027 campaign: activity window 09-15 … 10-31, registration open now.
    var start = new DateTime(2027, 9, 15, 1, 0, 0, DateTimeKind.Utc).AddDays(i % 47);
    var created = await SendAsync(client, token, "/api/v1/events", new
    {
        title = $"政府开放日压力测试第{i + 1}场", theme = i % 2 == 0 ? "优化营商环境" : "民生实事", forms = new[] { "EVENT_FORM_FORUM" },
        venue = "会议室", capacity, publicSignup, startsAt = start, endsAt = start.AddHours(2), agenda = "参观、座谈交流",
    });
    var id = created.GetProperty("id").GetString()!;
    await SendAsync(client, token, $"/api/v1/events/{id}/status", new { status = "EVENT_STATUS_PUBLISHED" });
    return Guid.Parse(id);
}

async Task<int> WaitForRosterAsync(HttpClient client, Guid eventId)
{
    // The event reaches registrations through the events outbox: sign up one person until the roster is there.
    for (var attempt = 0; attempt < 300; attempt++)
    {
        using var response = await client.PostAsJsonAsync($"/api/v1/public/registrations/events/{eventId}/applications", new
        {
            name = "群众探针", mobile = $"1370000{attempt:D4}", idNumber = IdNumber(1950, attempt), workUnit = "沂水县居民",
        });
        if (response.IsSuccessStatusCode) return 1;
        await Task.Delay(200);
    }
    throw new TimeoutException("the event never reached registrations");
}

async Task<(long Stored, long Found, long Confirmed, long Capacity)> SignUpsStoredAsync(NpgsqlConnectionStringBuilder server, Guid eventId, List<string> codes)
{
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "registrationsdb" }.ConnectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("""
        SELECT (SELECT count(*) FROM participants WHERE "EventId" = @id),
               (SELECT count(*) FROM participants WHERE "EventId" = @id AND "Status" IN ('Accepted', 'Approved')),
               (SELECT "Capacity" FROM event_rosters WHERE "EventId" = @id),
               (SELECT count(*) FROM participants WHERE "EventId" = @id AND "Code" = ANY(@codes))
        """, connection);
    command.Parameters.AddWithValue("id", eventId);
    command.Parameters.AddWithValue("codes", codes.ToArray());
    await using var reader = await command.ExecuteReaderAsync();
    await reader.ReadAsync();
    return (reader.GetInt64(0), reader.GetInt64(3), reader.GetInt64(1), reader.GetInt32(2));
}

async Task GrowEventsAsync(NpgsqlConnectionStringBuilder server, List<Guid> from, int size)
{
    // Copies of the published events straight into the table (the API would take hours for 100k), spread over the
    // campaign's days; every column as the service wrote it, only the id, title and dates changed.
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "eventsdb", CommandTimeout = 600 }.ConnectionString);
    await connection.OpenAsync();
    await using var count = new NpgsqlCommand("""SELECT count(*) FROM events WHERE "Status" = 'Published'""", connection);
    var missing = size - (long)(await count.ExecuteScalarAsync())!;
    if (missing <= 0) return;
    var watch = Stopwatch.StartNew();
    await using var grow = new NpgsqlCommand("""
        INSERT INTO events
        SELECT (jsonb_populate_record(e, jsonb_build_object(
                  'Id', gen_random_uuid(),
                  'Title', '政府开放日第' || g || '场',
                  'StartsAt', e."StartsAt" + (g % 47) * interval '1 day' + (g % 8) * interval '1 hour',
                  'EndsAt', e."EndsAt" + (g % 47) * interval '1 day' + (g % 8) * interval '1 hour'))).*
        FROM generate_series(1, @missing) g
        JOIN (SELECT e, row_number() OVER (ORDER BY e."Id") - 1 AS i FROM events e WHERE e."Id" = ANY(@templates)) t ON t.i = g % @templates_count,
             LATERAL (SELECT (t.e).*) e;
        ANALYZE events;
        """, connection);
    grow.Parameters.AddWithValue("missing", (int)missing);
    grow.Parameters.AddWithValue("templates", from.ToArray());
    grow.Parameters.AddWithValue("templates_count", from.Count);
    await grow.ExecuteNonQueryAsync();
    Console.WriteLine($"  events grown to {size} in {watch.Elapsed.TotalSeconds:F0} s");
}

async Task<string> ListingPlansAsync(NpgsqlConnectionStringBuilder server)
{
    // The listing's query as the events service sends it (every active unit visible, a page deep in the list).
    await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "eventsdb" }.ConnectionString);
    await connection.OpenAsync();
    await using var distinct = new NpgsqlCommand("""SELECT array_agg(DISTINCT "TenantId") FROM events""", connection);
    var units = (string[])(await distinct.ExecuteScalarAsync())!;
    var plans = new List<string>();
    foreach (var order in new[] { "\"StartsAt\" DESC, \"Id\"", "\"StartsAt\", \"Id\"" })
    {
        await using var explain = new NpgsqlCommand($"""
            EXPLAIN SELECT * FROM public_events WHERE "TenantId" = ANY(@units) ORDER BY {order} LIMIT 20 OFFSET 500
            """, connection);
        explain.Parameters.AddWithValue("units", units);
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync()) while (await reader.ReadAsync()) lines.Add(reader.GetString(0).Trim());
        // The plan's nodes, without costs: "Limit > Index Scan using IX_… on events".
        plans.Add(string.Join(" > ", lines.Where(l => !l.StartsWith("Filter", StringComparison.Ordinal) && !l.StartsWith("Index Cond", StringComparison.Ordinal) && !l.StartsWith("InitPlan", StringComparison.Ordinal))
            .Select(l => l.TrimStart('-', '>', ' ').Split("  (")[0])));
    }
    return string.Join("; ", plans);
}

async Task BumpPublicVersionAsync(int appHostPid)
{
    // What every change the public sees does (PublicListingCache.BumpAsync): the cached pages of before are not read again.
    var redis = StackProcesses(appHostPid).Select(CommandLine).FirstOrDefault(cmd => cmd.StartsWith("redis-server", StringComparison.Ordinal))
                ?? throw new InvalidOperationException("no redis-server among the stack's processes");
    // redis-server retitles itself "redis-server 127.0.0.1:<port>".
    var port = int.Parse(System.Text.RegularExpressions.Regex.Match(redis, @":(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
    using var tcp = new TcpClient();
    await tcp.ConnectAsync(IPAddress.Loopback, port);
    var stream = tcp.GetStream();
    await stream.WriteAsync(Encoding.ASCII.GetBytes("INCR openday:public:version\r\n"));
    var buffer = new byte[64];
    var read = await stream.ReadAsync(buffer);
    if (read == 0 || buffer[0] != (byte)':') throw new InvalidOperationException("Redis did not bump the public version: " + Encoding.ASCII.GetString(buffer, 0, read));
}

(double RssMb, double PssMb, int Count, string PssByPart) TreeMemory(int root)
{
    var pids = StackProcesses(root);
    double rss = 0, pss = 0;
    var pssByPart = new Dictionary<string, double>();
    foreach (var pid in pids)
    {
        try
        {
            var part = PartOf(CommandLine(pid));
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Rss:", StringComparison.Ordinal)) rss += Kb(line);
                if (!line.StartsWith("Pss:", StringComparison.Ordinal)) continue;
                pss += Kb(line);
                pssByPart[part] = pssByPart.GetValueOrDefault(part) + Kb(line);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
    var byPart = string.Join(", ", pssByPart.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value / 1024:F0}"));
    return (rss / 1024, pss / 1024, pids.Count, byPart);
    static double Kb(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

// The AppHost, the orchestrator it started (which leaves the AppHost's process tree: it watches the AppHost with
// --monitor <pid>) and everything under either: dashboard, services, PostgreSQL and its backends, Redis.
static List<int> StackProcesses(int appHost)
{
    var roots = Directory.GetDirectories("/proc")
        .Select(dir => int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0)
        .Where(pid => pid > 0 && CommandLine(pid).Contains($"\0--monitor\0{appHost}\0", StringComparison.Ordinal))
        .Prepend(appHost);
    return [.. roots.SelectMany(root => Descendants(root).Prepend(root)).Distinct()];
}

static IEnumerable<int> Descendants(int root)
{
    var parents = new Dictionary<int, List<int>>();
    foreach (var dir in Directory.GetDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
            if (!parents.TryGetValue(parent, out var children)) parents[parent] = children = [];
            children.Add(pid);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
    var queue = new Queue<int>([root]);
    while (queue.Count > 0)
    {
        foreach (var child in parents.GetValueOrDefault(queue.Dequeue()) ?? [])
        {
            queue.Enqueue(child);
            yield return child;
        }
    }
}

// CPU ticks used so far by each part of the machine's work (a service, PostgreSQL with its backends, the load generator,
// the orchestrator…), named from the command line, and by the machine as a whole (busy and total, from /proc/stat).
static (Dictionary<string, long> ByPart, long Busy, long Total) CpuTicks()
{
    var byPart = new Dictionary<string, long>();
    foreach (var dir in Directory.GetDirectories("/proc"))
    {
        if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
        try
        {
            var stat = File.ReadAllText(Path.Combine(dir, "stat"));
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // utime + stime; for this process also cutime + cstime, the children it has waited for: wrk (and pgbench)
            // have exited by the second reading, so their time is counted here.
            var self = pid == Environment.ProcessId;
            var ticks = fields[11..(self ? 15 : 13)].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            if (ticks == 0) continue;
            var part = self ? "wrk (the load)" : PartOf(CommandLine(pid));
            byPart[part] = byPart.GetValueOrDefault(part) + ticks;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
    }
    var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..].Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
    var total = cpu.Take(8).Sum(); // user nice system idle iowait irq softirq steal
    return (byPart, total - cpu[3] - cpu[4], total);
}

// Which part of the stack (or of the benchmark) a process is, from its command line.
static string PartOf(string commandLine) =>
    new[] { "OpenDay.Gateway", "OpenDay.Registrations", "OpenDay.Events", "OpenDay.Units", "OpenDay.Assessment", "OpenDay.Identity",
            "OpenDay.Portal", "OpenDay.Bench.Hello", "OpenDay.AppHost", "Aspire.Dashboard" }
        .FirstOrDefault(name => commandLine.Contains(name, StringComparison.Ordinal))?.Replace("OpenDay.", "", StringComparison.Ordinal)
    ?? (commandLine.StartsWith("postgres", StringComparison.Ordinal) || commandLine.Contains("bin/postgres", StringComparison.Ordinal) ? "PostgreSQL"
        : commandLine.Contains("redis-server", StringComparison.Ordinal) ? "Redis"
        : commandLine.Contains("/dcp", StringComparison.Ordinal) ? "orchestrator (dcp)"
        : "other");

static string CommandLine(int pid)
{
    try { return File.ReadAllText($"/proc/{pid}/cmdline"); }
    catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return ""; }
}

static async Task PrintAndWriteAsync(RowList rows, List<object> profiles, string file, string[] loadAtStart)
{
    var loadAtEnd = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
    var table = new StringBuilder()
        .AppendLine()
        .AppendLine($"| what | OpenDay | ceiling in the same run | ratio | target | met |")
        .AppendLine("|---|---|---|---|---|---|");
    foreach (var row in rows)
    {
        table.AppendLine(CultureInfo.InvariantCulture, $"| {row.What} | {row.Value:F1} {row.Unit} | {row.CeilingText ?? "—"} | " +
                                                      $"{(row.Ratio is { } r ? r.ToString("F3", CultureInfo.InvariantCulture) : "—")} | {row.Target} | {(row.Met ? "yes" : "**no**")} |");
    }
    table.AppendLine()
        .AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; " +
                                                  $"load average {string.Join(' ', loadAtStart)} at the start, {string.Join(' ', loadAtEnd)} at the end.");
    Console.WriteLine(table);
    var json = new
    {
        measuredAt = DateTimeOffset.UtcNow, cores = Environment.ProcessorCount, loadAverageAtStart = loadAtStart, loadAverageAtEnd = loadAtEnd,
        rows = rows.Select(r => new { what = r.What, value = r.Value, unit = r.Unit, ceiling = r.Ceiling, ratio = r.Ratio, target = r.Target, met = r.Met }),
        cpuProfiles = profiles,
    };
    await File.WriteAllTextAsync(file, JsonSerializer.Serialize(json, new JsonSerializerOptions { WriteIndented = true }));
    Console.WriteLine($"Written to {file}");
}

static string Run(string command, string[] arguments, Dictionary<string, string>? environment = null)
{
    var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments) start.ArgumentList.Add(argument);
    foreach (var (key, value) in environment ?? []) start.Environment[key] = value;
    using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command}");
    var stderr = process.StandardError.ReadToEndAsync();
    var stdout = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed ({process.ExitCode}): {stderr.Result}{stdout}");
    return stdout;
}

static string Binary(string name)
{
    var found = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", name)).Where(File.Exists).OrderDescending().FirstOrDefault()
        : null;
    return found ?? name;
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "OpenDay.sln"))) return dir.FullName;
    }
    throw new InvalidOperationException("run from inside the repository");
}

static string IdNumber(int year, int n)
{
    var first17 = $"371323{new DateOnly(year, 1, 1).AddDays(n % 3000):yyyyMMdd}{n % 1000:D3}";
    int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    return first17 + "10X98765432"[first17.Select((c, i) => (c - '0') * weights[i]).Sum() % 11];
}

static async Task<JsonElement> SendAsync(HttpClient client, string token, string path, object body)
{
    for (var attempt = 1; ; attempt++)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode) return JsonDocument.Parse(text).RootElement.Clone();
        if ((int)response.StatusCode < 500 || attempt == 5) throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        await Task.Delay(TimeSpan.FromSeconds(attempt));
    }
}

static async Task<string> TokenAsync(HttpClient client, string username)
{
    using var response = await client.PostAsync("/realms/openday/protocol/openid-connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["client_id"] = "openday-cli", ["client_secret"] = "dev-only-cli-secret",
        ["username"] = username, ["password"] = "dev-only-password",
    }));
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
}

internal sealed record WrkResult(long Requests, long Acknowledged, double Seconds, double P50Ms, double P99Ms, long Errors)
{
    public double PerSecond => Acknowledged / Seconds;
}

/// <summary>Each part's share of the machine's CPU between two readings of <c>CpuTicks</c> (of all cores: 1.0 = every core busy).</summary>
internal sealed record CpuProfile(double BusyShare, Dictionary<string, double> Shares)
{
    public static CpuProfile Between((Dictionary<string, long> ByPart, long Busy, long Total) before, (Dictionary<string, long> ByPart, long Busy, long Total) after)
    {
        var total = Math.Max(1, after.Total - before.Total);
        var shares = after.ByPart
            .Select(p => (Part: p.Key, Ticks: p.Value - before.ByPart.GetValueOrDefault(p.Key)))
            .Where(p => p.Ticks > 0)
            .OrderByDescending(p => p.Ticks)
            .ToDictionary(p => p.Part, p => Math.Round((double)p.Ticks / total, 3));
        return new CpuProfile(Math.Round((double)(after.Busy - before.Busy) / total, 3), shares);
    }

    public override string ToString() =>
        $"machine {BusyShare:P0} busy; " + string.Join(", ", Shares.Where(s => s.Value >= 0.01).Select(s => $"{s.Key} {s.Value:P0}"));
}

internal sealed record Row(string What, double Value, string Unit, double? Ceiling, double? Ratio, string Target, bool Met, string? CeilingText = null);

/// <summary>The table's rows, each printed as soon as it is measured (a later step may fail).</summary>
internal sealed class RowList : List<Row>
{
    public new void Add(Row row)
    {
        base.Add(row);
        Console.WriteLine($"  ROW {row.What}: {row.Value:F1} {row.Unit}{(row.Ratio is { } r ? $", ratio {r:F3}" : "")} (target {row.Target}: {(row.Met ? "met" : "NOT met")})");
    }
}
