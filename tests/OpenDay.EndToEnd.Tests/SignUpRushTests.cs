using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Registrations.V1;
using Xunit.Abstractions;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// A popular open day: 500 sign-ups in the same moment through the gateway (some of them the same person twice), then
/// staff approving every application while deputies accept their invitations, all racing for 30 seats. Nothing is
/// overbooked, nobody is on the roster twice, and every request gets a success or a clear error.
/// </summary>
[Collection(StackCollection.Name)]
public class SignUpRushTests(OpenDayStack stack, ITestOutputHelper output)
{
    private const int SignUps = 500;
    private const int Seats = 30;
    private const int Invitations = 10;
    private const int SamePersonTwice = 20;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Five_hundred_sign_ups_and_a_race_for_thirty_seats_never_overbook(int run)
    {
        var unit = new Clients(stack, "yicheng.admin");
        var eventId = await OpenEvents.CreateAsync(unit, capacity: Seats, title: $"热门开放日 {run}");
        var invitations = new List<Participant>();
        for (var i = 0; i < Invitations; i++)
        {
            invitations.Add(await unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
            {
                EventId = eventId, Name = $"代表{i}", Mobile = People.Next().Mobile, Category = ParticipantCategory.NpcDeputy,
            }, await unit.Call()));
        }

        // 500 at once; the first 20 people come twice (a double tap, a second phone).
        var people = Enumerable.Range(0, SignUps - SamePersonTwice).Select(_ => People.Next()).ToList();
        var submissions = people.Concat(people.Take(SamePersonTwice)).ToList();
        using var gateway = stack.Gateway();
        var rush = Stopwatch.StartNew();
        var answers = await Task.WhenAll(submissions.Select(async person =>
        {
            var sent = Stopwatch.GetTimestamp();
            using var response = await People.SignUpAsync(gateway, eventId, person);
            var latency = Stopwatch.GetElapsedTime(sent);
            return (person, response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>(), latency);
        }));
        rush.Stop();
        // Numbers for the record, not a pass mark: 500 at once from one process, on whatever machine runs this.
        var latencies = answers.Select(a => a.latency.TotalMilliseconds).Order().ToList();
        output.WriteLine($"run {run}: {SignUps} sign-ups in {rush.Elapsed.TotalSeconds:F2} s ({SignUps / rush.Elapsed.TotalSeconds:F0}/s); " +
                         $"latency p50 {latencies[latencies.Count / 2]:F0} ms, p99 {latencies[(int)(latencies.Count * 0.99)]:F0} ms");

        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.OK || a.Body.TryGetProperty("message", out _),
            $"an answer that is neither a success nor a clear error: {(int)a.StatusCode} {a.Body}"));
        var accepted = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ToList();
        Assert.Equal(people.Count, accepted.Count); // each person once, every person once
        Assert.Equal(people.Count, accepted.Select(a => a.person.IdNumber).Distinct().Count());
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal("id_number", People.ViolatedField(a.Body)));

        // Approvals of every application race the deputies' acceptances.
        var applications = new List<Participant>();
        for (var page = ""; ; )
        {
            var listed = await unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId, PageSize = 200, PageToken = page }, await unit.Call());
            applications.AddRange(listed.Applications);
            if ((page = listed.NextPageToken).Length == 0) break;
        }
        Assert.Equal(people.Count, applications.Count);
        var outcomes = new ConcurrentBag<StatusCode>();
        var anonymous = Clients.Anonymous(stack);
        var approvals = applications.Select(async application =>
            outcomes.Add(await OutcomeAsync(async () => await unit.Registrations.ReviewApplicationAsync(
                new ReviewApplicationRequest { Id = application.Id, Decision = ReviewDecision.Approve }, await unit.Call()))));
        var acceptances = invitations.Select(async invitation =>
            outcomes.Add(await OutcomeAsync(async () => await anonymous.PublicRegistrations.RespondToInvitationAsync(
                new RespondToInvitationRequest { Code = invitation.Code, Accept = true, IdNumber = People.Next().IdNumber }, await anonymous.Call()))));
        await Task.WhenAll(approvals.Concat(acceptances));

        Assert.All(outcomes, status => Assert.Contains(status, new[] { StatusCode.OK, StatusCode.FailedPrecondition, StatusCode.Aborted }));
        var roster = await unit.Registrations.GetRosterAsync(new GetRosterRequest { EventId = eventId }, await unit.Call());
        Assert.Equal(Seats, roster.Confirmed); // more than enough candidates: every seat taken, none twice
        Assert.Equal(outcomes.Count(s => s == StatusCode.OK), roster.Confirmed);
        Assert.Equal(roster.Confirmed, roster.Participants.Count);
        Assert.Equal(roster.Participants.Count, roster.Participants.Select(p => p.Id).Distinct().Count());
        Assert.Equal(roster.Confirmed, roster.ConfirmedByCategory.Sum(c => c.Count));
    }

    private static async Task<StatusCode> OutcomeAsync(Func<Task> call)
    {
        try
        {
            await call();
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
