using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Cancelling an event closes its registrations and tells everyone on it. The change travels through the events
/// service's outbox, so it arrives even when the registrations service is down at that moment: nothing lost, nothing
/// done twice.
/// </summary>
[Collection(StackCollection.Name)]
public class EventCancellationTests(OpenDayStack stack)
{
    private readonly Clients _unit = new(stack, "housing.admin");

    [Fact]
    public async Task Cancelling_an_event_closes_its_registrations_and_notifies_everyone_on_it()
    {
        var (eventId, people) = await EventWithParticipantsAsync();

        await CancelAsync(eventId);

        await AssertClosedAsync(eventId, people);
    }

    [Fact]
    public async Task A_cancellation_made_while_registrations_is_down_arrives_once_it_is_back()
    {
        var (eventId, people) = await EventWithParticipantsAsync();

        await stack.App.ResourceCommands.ExecuteCommandAsync("registrations", KnownResourceCommands.StopCommand);
        try
        {
            await CancelAsync(eventId); // the events service answers: the change waits in its outbox
        }
        finally
        {
            await stack.App.ResourceCommands.ExecuteCommandAsync("registrations", KnownResourceCommands.StartCommand);
            await stack.WaitAllHealthyAsync(TimeSpan.FromMinutes(2));
        }

        await AssertClosedAsync(eventId, people);
    }

    [Fact]
    public async Task Sign_ups_racing_a_cancellation_are_each_cancelled_with_it_or_refused()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        using var gateway = stack.Gateway();
        // A sign-up every 20 ms, at least 150, and on until a few have been refused after the cancellation reached
        // registrations (however long its outbox delivery takes on a loaded machine, within half a minute).
        var refused = 0;
        async Task<HttpStatusCode> SignUpAsync()
        {
            using var response = await People.SignUpAsync(gateway, eventId, People.Next());
            if (response.StatusCode == HttpStatusCode.BadRequest) Interlocked.Increment(ref refused);
            return response.StatusCode;
        }
        var cancellation = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            await CancelAsync(eventId);
        });
        var signUps = new List<Task<HttpStatusCode>>();
        var giveUp = DateTime.UtcNow.AddSeconds(30);
        for (var i = 0; (i < 150 || Volatile.Read(ref refused) < 5) && DateTime.UtcNow < giveUp; i++)
        {
            signUps.Add(SignUpAsync());
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
        await cancellation;
        var answers = await Task.WhenAll(signUps);

        Assert.All(answers, status => Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest }));
        Assert.Contains(HttpStatusCode.OK, answers);         // some came before the cancellation…
        Assert.Contains(HttpStatusCode.BadRequest, answers); // …and some after it
        await OpenEvents.WaitForRosterAsync(_unit, eventId, r => r.EventStatus == EventStatus.Cancelled);
        var applications = new List<Participant>();
        var page = new ListApplicationsResponse { NextPageToken = "" };
        do
        {
            page = await _unit.Registrations.ListApplicationsAsync(
                new ListApplicationsRequest { EventId = eventId, PageSize = 200, PageToken = page.NextPageToken }, await _unit.Call());
            applications.AddRange(page.Applications);
        } while (page.NextPageToken.Length > 0);
        Assert.Equal(answers.Count(a => a == HttpStatusCode.OK), applications.Count);
        Assert.All(applications, a => Assert.Equal(ParticipantStatus.Cancelled, a.Status)); // none slipped in beside the cancellation
    }

    [Fact]
    public async Task A_change_delivered_twice_is_applied_once()
    {
        var (eventId, people) = await EventWithParticipantsAsync();
        var evt = await _unit.Events.GetEventAsync(new GetEventRequest { Id = eventId }, await _unit.Call());
        var change = new EventChange
        {
            Sequence = long.MaxValue - 7, EventId = eventId, UnitCode = evt.UnitCode, Title = evt.Title, Status = EventStatus.Cancelled,
            CancellationReason = "台风预警", Capacity = evt.Capacity, StartsAt = evt.StartsAt, EndsAt = evt.EndsAt,
            RegistrationClosesAt = evt.RegistrationClosesAt, MinPublicShareNumerator = 1, MinPublicShareDenominator = 3,
        };
        var service = Clients.EventsServiceAccount(stack);
        var sink = new EventChangeSink.EventChangeSinkClient(stack.GrpcChannel("registrations"));

        Assert.True((await sink.ApplyEventChangeAsync(change, await service.Call())).Applied);
        Assert.False((await sink.ApplyEventChangeAsync(change, await service.Call())).Applied);

        await AssertClosedAsync(eventId, people);
    }

    private async Task<(string EventId, int People)> EventWithParticipantsAsync()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        using var gateway = stack.Gateway();
        var codes = new List<string>();
        for (var i = 0; i < 3; i++) codes.Add(await People.SignedUpAsync(gateway, eventId, People.Next()));
        var applications = (await _unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await _unit.Call())).Applications;
        await _unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applications[0].Id, Decision = ReviewDecision.Approve }, await _unit.Call());
        await _unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applications[1].Id, Decision = ReviewDecision.Waitlist }, await _unit.Call());
        await _unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = "政协委员", Mobile = People.Next().Mobile, Category = ParticipantCategory.CppccMember,
        }, await _unit.Call());
        return (eventId, 4); // approved, waitlisted, submitted, invited
    }

    private async Task CancelAsync(string eventId) =>
        await _unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = eventId, Status = EventStatus.Cancelled, Reason = "台风预警" }, await _unit.Call());

    private async Task AssertClosedAsync(string eventId, int people)
    {
        var roster = await OpenEvents.WaitForRosterAsync(_unit, eventId, r => r.Confirmed == 0 && r.Waitlisted == 0 && r.AwaitingReview == 0);
        Assert.Empty(roster.Participants);
        var applications = await _unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await _unit.Call());
        Assert.All(applications.Applications, a => Assert.Equal(ParticipantStatus.Cancelled, a.Status));
        Assert.All(applications.Applications, a => Assert.Contains("台风预警", a.Reason));

        // Everyone told, once each, even if the change was delivered more than once.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var notifications = (await _unit.Registrations.ListNotificationsAsync(new GetRosterRequest { EventId = eventId }, await _unit.Call()))
            .Notifications.Where(n => n.Kind == NotificationKind.EventCancelled).ToList();
        Assert.Equal(people, notifications.Count);
        Assert.Equal(people, notifications.Select(n => n.ParticipantId).Distinct().Count());

        // Registration is closed: a new sign-up is refused.
        using var gateway = stack.Gateway();
        using var late = await People.SignUpAsync(gateway, eventId, People.Next());
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
    }
}
