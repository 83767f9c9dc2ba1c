using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Registrations.V1;
using Xunit.Abstractions;

namespace OpenDay.EndToEnd.Tests.Faults;

/// <summary>
/// PostgreSQL killed during a burst of public sign-ups: every request is answered within two seconds, either
/// accepted or refused as unavailable (503 with Retry-After); nothing acknowledged is lost; the AppHost brings
/// PostgreSQL back and sign-ups succeed again without any service being restarted.
/// </summary>
[Collection(StackCollection.Name)]
public class PostgresFaultTests(OpenDayStack stack, ITestOutputHelper output)
{
    private const int SignUps = 300;
    private const int Concurrency = 8;
    /// <summary>The issue's target for the slowest answer, reported in the table rather than asserted (speed is measured).</summary>
    private static readonly TimeSpan AnswerTarget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan SucceedAgainWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PostgreSQL_killed_during_sign_ups_fails_fast_loses_nothing_acknowledged_and_recovers_by_itself()
    {
        try
        {
            await RunAsync();
        }
        finally
        {
            await Faults.RestoreAsync(stack);
        }
    }

    private async Task RunAsync()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var eventId = await OpenEvents.CreateAsync(unit, title: "数据库故障开放日");
        await unit.Call(); // a token in hand before the fault
        var services = new[] { "identity", "units", "events", "registrations", "assessment", "gateway" }
            .ToDictionary(name => name, name => Faults.ProcessId(stack, name));

        var acknowledged = new ConcurrentBag<string>();
        var answers = new ConcurrentBag<(int Status, double Milliseconds, bool RetryAfter, double SentAfterKill)>();
        var unanswered = new ConcurrentBag<string>();
        var sinceKill = new Stopwatch();
        Task<TimeSpan>? back = null;
        var killedPid = 0;
        var next = 0;
        var burst = Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            using var client = stack.Gateway();
            client.Timeout = TimeSpan.FromSeconds(30);
            int n;
            while ((n = Interlocked.Increment(ref next)) <= SignUps)
            {
                if (n == SignUps / 5)
                {
                    // A fifth of the way in, PostgreSQL dies.
                    sinceKill.Start();
                    killedPid = Faults.Kill(stack, "postgres");
                    back = Faults.WaitRestartedAsync(stack, "postgres", killedPid, sinceKill);
                }
                var sent = Stopwatch.GetTimestamp();
                var sentAfterKill = sinceKill.Elapsed.TotalSeconds;
                try
                {
                    using var response = await People.SignUpAsync(client, eventId, People.Next());
                    var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                    answers.Add(((int)response.StatusCode, elapsed, response.Headers.RetryAfter is not null, sentAfterKill));
                    if (response.IsSuccessStatusCode)
                    {
                        acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referenceCode").GetString()!);
                    }
                }
                catch (Exception e)
                {
                    unanswered.Add($"{e.GetType().Name} after {Stopwatch.GetElapsedTime(sent).TotalMilliseconds:F0} ms");
                }
            }
        }).ToList();
        await Task.WhenAll(burst);
        Assert.NotNull(back);
        var postgresBack = await back;

        // Sign-ups succeed again, with nothing restarted by hand.
        using var gateway = stack.Gateway();
        var succeeding = await Eventually.ReturnsAsync(async () =>
        {
            using var response = await People.SignUpAsync(gateway, eventId, People.Next());
            if (response.IsSuccessStatusCode) acknowledged.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("referenceCode").GetString()!);
            return response.IsSuccessStatusCode;
        }, ok => ok, SucceedAgainWithin + AnswerTarget);
        var recovered = sinceKill.Elapsed;

        // Every acknowledged sign-up is there.
        var present = new HashSet<string>();
        var page = "";
        do
        {
            var list = await unit.Registrations.ListApplicationsAsync(
                new ListApplicationsRequest { EventId = eventId, PageSize = 200, PageToken = page }, await unit.Call());
            present.UnionWith(list.Applications.Select(a => a.Code));
            page = list.NextPageToken;
        } while (page.Length > 0);
        var lost = acknowledged.Count(code => !present.Contains(code));

        var slowest = answers.IsEmpty ? 0 : answers.Max(a => a.Milliseconds);
        var refused = answers.Where(a => a.Status != 200).ToList();
        new FaultReport("PostgreSQL killed during sign-ups", SignUps, refused.Count + unanswered.Count, TimeSpan.FromMilliseconds(slowest),
            recovered, lost,
            $"slowest target {AnswerTarget.TotalMilliseconds:F0} ms; {acknowledged.Count} acknowledged, {refused.Count(a => a.Status == 503)} answered 503, {unanswered.Count} unanswered, " +
            $"other statuses: [{string.Join(", ", refused.Where(a => a.Status != 503).Select(a => a.Status).Distinct())}]; PostgreSQL back " +
            $"(restarted by the AppHost, healthy) {postgresBack.TotalSeconds:F1} s after the kill; time to recovery = kill to a sign-up succeeding; " +
            $"slowest answers (status, ms, sent s after the kill): {string.Join(", ", answers.OrderByDescending(a => a.Milliseconds).Take(5).Select(a => $"{a.Status} {a.Milliseconds:F0} ms +{a.SentAfterKill:F1} s"))}").Print(output);

        Assert.Empty(unanswered);
        Assert.All(answers, a => Assert.Contains(a.Status, new[] { 200, 503 }));
        Assert.All(answers.Where(a => a.Status == 503), a => Assert.True(a.RetryAfter, "a 503 without Retry-After"));
        Assert.Equal(0, lost);
        Assert.True(succeeding, $"no sign-up succeeded within {SucceedAgainWithin.TotalSeconds} s of PostgreSQL returning");
        Assert.True(recovered - postgresBack < SucceedAgainWithin, $"sign-ups succeeded again only {(recovered - postgresBack).TotalSeconds:F1} s after PostgreSQL returned");
        Assert.NotEqual(killedPid, Faults.ProcessId(stack, "postgres"));
        // No service was restarted, by hand or otherwise: they all recovered in place.
        Assert.All(services, s => Assert.Equal(s.Value, Faults.ProcessId(stack, s.Key)));
    }
}
