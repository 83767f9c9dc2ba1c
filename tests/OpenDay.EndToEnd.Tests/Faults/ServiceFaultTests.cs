using System.Diagnostics;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using Xunit.Abstractions;

namespace OpenDay.EndToEnd.Tests.Faults;

/// <summary>
/// The registrations service killed while an event's cancellation reaches it through the events outbox: the AppHost
/// restarts it, and every participant is cancelled and notified exactly once.
/// </summary>
[Collection(StackCollection.Name)]
public class ServiceFaultTests(OpenDayStack stack, ITestOutputHelper output)
{
    private const int Applicants = 20;

    [Fact]
    public async Task Registrations_killed_mid_cancellation_is_restarted_and_everyone_is_notified_exactly_once()
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
        var unit = new Clients(stack, "housing.admin");
        var eventId = await OpenEvents.CreateAsync(unit, title: "服务故障开放日");
        using var gateway = stack.Gateway();
        for (var i = 0; i < Applicants; i++) await People.SignedUpAsync(gateway, eventId, People.Next());
        var applications = (await unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId, PageSize = 200 }, await unit.Call())).Applications;
        for (var i = 0; i < 5; i++)
        {
            await unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applications[i].Id, Decision = ReviewDecision.Approve }, await unit.Call());
        }
        await unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applications[5].Id, Decision = ReviewDecision.Waitlist }, await unit.Call());
        await unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = "人大代表", Mobile = People.Next().Mobile, Category = ParticipantCategory.NpcDeputy,
        }, await unit.Call());
        const int people = Applicants + 1;
        var restartsBefore = Faults.SupervisorRestarts(stack, "registrations");

        // The cancellation and the kill at the same moment: the change is in the events outbox, on its way or being
        // applied, when registrations dies.
        var sinceKill = Stopwatch.StartNew();
        var call = await unit.Call();
        var cancelSent = Stopwatch.StartNew();
        var cancel = unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = eventId, Status = EventStatus.Cancelled, Reason = "暴雨预警" },
            call).ResponseAsync;
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        var killedPid = Faults.Kill(stack, "registrations");
        await cancel;
        var cancelAnswered = cancelSent.Elapsed;
        var back = await Faults.WaitRestartedAsync(stack, "registrations", killedPid, sinceKill);

        var roster = await OpenEvents.WaitForRosterAsync(unit, eventId, r => r.EventStatus == EventStatus.Cancelled
            && r.Confirmed == 0 && r.Waitlisted == 0 && r.AwaitingReview == 0);
        var closed = sinceKill.Elapsed;
        var all = (await unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId, PageSize = 200 }, await unit.Call())).Applications;
        await Task.Delay(TimeSpan.FromSeconds(2)); // a redelivery, if any, would have landed by now
        var notifications = (await unit.Registrations.ListNotificationsAsync(new GetRosterRequest { EventId = eventId }, await unit.Call()))
            .Notifications.Where(n => n.Kind == NotificationKind.EventCancelled).ToList();
        var notCancelled = all.Count(a => a.Status != ParticipantStatus.Cancelled);
        var notifiedTwice = notifications.GroupBy(n => n.ParticipantId).Count(g => g.Count() > 1);

        new FaultReport("registrations killed mid-cancellation", people, notCancelled + notifiedTwice + Math.Abs(people - notifications.Select(n => n.ParticipantId).Distinct().Count()),
            cancelAnswered, closed, 0,
            $"requests = participants of the cancelled event, failures = not cancelled or not notified exactly once; registrations restarted " +
            $"by the AppHost and healthy {back.TotalSeconds:F1} s after the kill; {notifications.Count} notifications for {people} people; " +
            $"slowest answer = the cancellation call; time to recovery = kill to the roster closed").Print(output);

        Assert.NotEqual(killedPid, Faults.ProcessId(stack, "registrations"));
        Assert.True(Faults.SupervisorRestarts(stack, "registrations") > restartsBefore, "the supervisor did not record restarting registrations");
        Assert.Empty(roster.Participants);
        Assert.Equal(Applicants, all.Count);
        Assert.Equal(0, notCancelled);
        Assert.Equal(people, notifications.Count);
        Assert.Equal(people, notifications.Select(n => n.ParticipantId).Distinct().Count());
    }
}
