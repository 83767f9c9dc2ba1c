using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Review (审查), the roster rules of §四 (capacity, the public-representative share at finalisation), the waitlist
/// moving up, invitations answered by code, check-in and attendance, and the masked export.
/// </summary>
[Collection(StackCollection.Name)]
public class RosterTests(OpenDayStack stack)
{
    private readonly Clients _unit = new(stack, "gaoqiao.admin");
    private readonly Clients _public = Clients.Anonymous(stack);

    [Fact]
    public async Task Review_shows_live_counts_a_rejection_needs_a_reason_the_applicant_sees()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        var approved = await SignUpAsync(eventId);
        var rejected = await SignUpAsync(eventId);

        var review = await ReviewAsync(approved.Id, ReviewDecision.Approve);
        Assert.Equal(ParticipantStatus.Approved, review.Application.Status);
        Assert.Equal(1, review.Roster.Confirmed);
        Assert.Equal(1, review.Roster.PublicRepresentatives);
        Assert.Equal(1, review.Roster.PublicRepresentativesRequired);
        Assert.True(review.Roster.ShareMet);
        Assert.Equal(1, review.Roster.AwaitingReview);

        var noReason = await Assert.ThrowsAsync<RpcException>(() => ReviewAsync(rejected.Id, ReviewDecision.Reject));
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.Equal("reason", noReason.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations[0].Field);
        Assert.Equal(ParticipantStatus.Submitted, (await ApplicationAsync(rejected.Code)).Status); // nothing written

        await ReviewAsync(rejected.Id, ReviewDecision.Reject, "本场名额已优先安排给辖区居民");
        var seen = await ApplicationAsync(rejected.Code);
        Assert.Equal(ParticipantStatus.Rejected, seen.Status);
        Assert.Equal("本场名额已优先安排给辖区居民", seen.Reason);
    }

    [Fact]
    public async Task An_empty_roster_and_a_drafts_roster_cannot_be_finalised()
    {
        var open = await OpenEvents.CreateAsync(_unit);
        var empty = await Assert.ThrowsAsync<RpcException>(async () =>
            await _unit.Registrations.FinaliseRosterAsync(new GetRosterRequest { EventId = open }, await _unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, empty.StatusCode);
        Assert.Contains("Nobody is confirmed", empty.Status.Detail);

        var draft = await _unit.CreateEventAsync("草稿开放日");
        await OpenEvents.WaitForRosterAsync(_unit, draft, roster => roster.EventStatus == EventStatus.Draft);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await _unit.Registrations.FinaliseRosterAsync(new GetRosterRequest { EventId = draft }, await _unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("draft", refused.Status.Detail);
        Assert.False((await RosterAsync(draft)).Finalised);
    }

    [Fact]
    public async Task Finalising_below_the_public_share_is_refused_with_the_numbers()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        foreach (var deputy in new[] { "人大代表甲", "政协委员乙" })
        {
            await AcceptAsync(await InviteAsync(eventId, deputy, ParticipantCategory.NpcDeputy));
        }

        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await _unit.Registrations.FinaliseRosterAsync(new GetRosterRequest { EventId = eventId }, await _unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("0 of 2", refused.Status.Detail);
        Assert.Contains("at least 1", refused.Status.Detail);
        Assert.False((await RosterAsync(eventId)).Finalised); // nothing written

        await ReviewAsync((await SignUpAsync(eventId)).Id, ReviewDecision.Approve);
        var finalised = await _unit.Registrations.FinaliseRosterAsync(new GetRosterRequest { EventId = eventId }, await _unit.Call());
        Assert.True(finalised.Finalised);
        Assert.Equal(3, finalised.Confirmed);
        Assert.Equal(1, finalised.PublicRepresentativesRequired);

        // Once finalised, a confirmation that would break the share is refused too: ⌈4/3⌉ = 2 > 1.
        var deputy3 = await InviteAsync(eventId, "人大代表丙", ParticipantCategory.NpcDeputy);
        var breaks = await Assert.ThrowsAsync<RpcException>(() => AcceptAsync(deputy3));
        Assert.Equal(StatusCode.FailedPrecondition, breaks.StatusCode);
    }

    [Fact]
    public async Task Capacity_holds_and_a_cancellation_moves_up_the_first_waitlisted_applicant_who_keeps_the_rules()
    {
        var eventId = await OpenEvents.CreateAsync(_unit, capacity: 2);
        var publicRep = await SignUpAsync(eventId);
        await ReviewAsync(publicRep.Id, ReviewDecision.Approve);
        await AcceptAsync(await InviteAsync(eventId, "人大代表", ParticipantCategory.NpcDeputy));
        var reporter = await SignUpAsync(eventId, "PARTICIPANT_CATEGORY_MEDIA_REPORTER");
        var resident = await SignUpAsync(eventId);

        var full = await Assert.ThrowsAsync<RpcException>(() => ReviewAsync(reporter.Id, ReviewDecision.Approve));
        Assert.Equal(StatusCode.FailedPrecondition, full.StatusCode);
        Assert.Contains("full", full.Status.Detail);
        await ReviewAsync(reporter.Id, ReviewDecision.Waitlist); // first in line
        await ReviewAsync(resident.Id, ReviewDecision.Waitlist); // second

        // The public representative leaves. The reporter is first in line but would leave no public representative
        // (0 of 2, below ⌈2 × 1/3⌉ = 1); the resident keeps the rules and moves up.
        var cancelled = await _unit.Registrations.CancelParticipantAsync(new CancelParticipantRequest { Id = publicRep.Id, Reason = "本人临时出差" }, await _unit.Call());
        Assert.Equal(resident.Id, cancelled.Promoted.Id);
        Assert.Equal(2, cancelled.Roster.Confirmed);
        Assert.Equal(ParticipantStatus.Approved, (await ApplicationAsync(resident.Code)).Status);
        Assert.Equal(1, (await ApplicationAsync(reporter.Code)).WaitlistPosition);

        var notifications = await _unit.Registrations.ListNotificationsAsync(new GetRosterRequest { EventId = eventId }, await _unit.Call());
        Assert.Contains(notifications.Notifications, n => n.ParticipantId == resident.Id && n.Kind == NotificationKind.Promoted);
        Assert.Contains(notifications.Notifications, n => n.ParticipantId == publicRep.Id && n.Kind == NotificationKind.ParticipationCancelled);

        // The resident withdraws: the reporter still would not keep the share, so nobody moves up.
        await _public.PublicRegistrations.WithdrawApplicationAsync(new ReferenceCodeRequest { ReferenceCode = resident.Code }, await _public.Call());
        var roster = await RosterAsync(eventId);
        Assert.Equal(1, roster.Confirmed);
        Assert.Equal(1, roster.Waitlisted);
        // A public representative waitlisted later is taken when the next seat frees.
        var late = await SignUpAsync(eventId);
        await ReviewAsync(late.Id, ReviewDecision.Waitlist);
        await ReviewAsync(late.Id, ReviewDecision.Approve);
        Assert.Equal(2, (await RosterAsync(eventId)).Confirmed);
    }

    [Fact]
    public async Task An_invitee_declines_by_code_and_an_unanswered_invitation_expires_when_registration_closes_as_sign_up_does()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        var invitation = await InviteAsync(eventId, "专家", ParticipantCategory.OtherInvitee, "城市规划专家");
        var seen = await _public.PublicRegistrations.GetInvitationAsync(new InvitationCodeRequest { Code = invitation.Code }, await _public.Call());
        Assert.Equal(ParticipantStatus.Invited, seen.Status);
        var declined = await _public.PublicRegistrations.RespondToInvitationAsync(new RespondToInvitationRequest { Code = invitation.Code }, await _public.Call());
        Assert.Equal(ParticipantStatus.Declined, declined.Status);

        var noRole = await Assert.ThrowsAsync<RpcException>(() => InviteAsync(eventId, "无身份", ParticipantCategory.OtherInvitee));
        Assert.Equal("stated_role", noRole.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations[0].Field);

        var (closing, closesAt) = await InviteToEventClosingSoonAsync();
        await Task.Delay(closesAt - DateTime.UtcNow + TimeSpan.FromSeconds(1));
        var expired = await _public.PublicRegistrations.GetInvitationAsync(new InvitationCodeRequest { Code = closing.Code }, await _public.Call());
        Assert.Equal(ParticipantStatus.Expired, expired.Status);
        var late = await Assert.ThrowsAsync<RpcException>(() => AcceptAsync(closing));
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Contains("expired", late.Status.Detail);

        // Registration closed for the public too: a sign-up now is refused, naming the event, and nothing is written.
        using var gateway = stack.Gateway();
        using var signUp = await People.SignUpAsync(gateway, closing.EventId, People.Next());
        Assert.Equal(HttpStatusCode.BadRequest, signUp.StatusCode);
        Assert.Contains("closed at", await signUp.Content.ReadAsStringAsync());
        Assert.Equal(0, (await _unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = closing.EventId }, await _unit.Call())).TotalSize);
    }

    [Fact]
    public async Task Check_in_by_code_records_attendance_and_no_shows_by_category_and_the_export_is_masked()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        var deputy = await InviteAsync(eventId, "人大代表", ParticipantCategory.NpcDeputy);
        var deputyId = People.Next().IdNumber;
        await AcceptAsync(deputy, deputyId);
        var resident = await SignUpAsync(eventId);
        await ReviewAsync(resident.Id, ReviewDecision.Approve);
        var waiting = await SignUpAsync(eventId);
        await ReviewAsync(waiting.Id, ReviewDecision.Waitlist);

        var checkedIn = await _unit.Registrations.CheckInAsync(new CheckInRequest { EventId = eventId, Code = deputy.Code }, await _unit.Call());
        Assert.Equal(AttendanceMark.Attended, checkedIn.Attendance);
        var twice = await Assert.ThrowsAsync<RpcException>(async () =>
            await _unit.Registrations.CheckInAsync(new CheckInRequest { EventId = eventId, Code = deputy.Code }, await _unit.Call()));
        Assert.Contains("already checked in", twice.Status.Detail);
        var notConfirmed = await Assert.ThrowsAsync<RpcException>(async () =>
            await _unit.Registrations.CheckInAsync(new CheckInRequest { EventId = eventId, Code = waiting.Code }, await _unit.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, notConfirmed.StatusCode);

        // The event is held (delivered as the events outbox would: an event years ahead cannot really be held today).
        var roster = await RosterAsync(eventId);
        await HoldAsync(eventId);
        var attendance = await _unit.Registrations.GetAttendanceAsync(new GetRosterRequest { EventId = eventId }, await _unit.Call());
        Assert.Equal(2, attendance.Confirmed);
        Assert.Equal(1, attendance.Attended);
        Assert.Equal(1, attendance.NoShows);
        Assert.Contains(attendance.Categories, c => c.Category == ParticipantCategory.NpcDeputy && c.Attended == 1);
        Assert.Contains(attendance.Categories, c => c.Category == ParticipantCategory.PublicRepresentative && c.NoShows == 1);
        Assert.Equal(2, roster.Participants.Count);

        var csv = await _unit.Registrations.ExportRosterAsync(new ExportRosterRequest { EventId = eventId, Format = ExportFormat.Csv }, await _unit.Call());
        Assert.StartsWith("text/csv", csv.ContentType);
        using var reader = new CsvReader(new StringReader(csv.Data.ToStringUtf8()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(deputyId[..4] + "**********" + deputyId[^4..], rows[0]["身份证号码"]);
        Assert.Equal("已签到", rows[0]["签到"]);
        Assert.DoesNotContain(deputyId, csv.Data.ToStringUtf8());

        var xlsx = await _unit.Registrations.ExportRosterAsync(new ExportRosterRequest { EventId = eventId, Format = ExportFormat.Xlsx }, await _unit.Call());
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx.Data.ToByteArray()), isEditable: false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Cell>().Select(c => c.InnerText).ToList();
        Assert.Contains("人大代表", cells);
        Assert.Contains(deputyId[..4] + "**********" + deputyId[^4..], cells);
        Assert.DoesNotContain(deputyId, cells);

        // The browser's download: the same file, with a name to save it under.
        using var download = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/registrations/events/{eventId}/roster/export?format=EXPORT_FORMAT_XLSX")
        {
            Headers = { Authorization = new("Bearer", await stack.Tokens.For("gaoqiao.admin")) },
        };
        using var downloaded = await stack.Gateway().SendAsync(download);
        Assert.Equal(HttpStatusCode.OK, downloaded.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", downloaded.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"参加人员名单-{eventId}.xlsx", downloaded.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.StartsWith("PK", System.Text.Encoding.ASCII.GetString((await downloaded.Content.ReadAsByteArrayAsync())[..2])); // a zip: an XLSX file
    }

    [Fact]
    public async Task A_supervisor_may_not_approve_for_a_supervised_unit_even_when_its_roster_is_full()
    {
        var water = new Clients(stack, "watersupply.admin");
        var housing = new Clients(stack, "housing.admin"); // supervises the water supply company: reads its rosters
        var eventId = await OpenEvents.CreateAsync(water, capacity: 1);
        using var gateway = stack.Gateway();
        await People.SignedUpAsync(gateway, eventId, People.Next());
        await People.SignedUpAsync(gateway, eventId, People.Next());
        var applications = (await water.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await water.Call())).Applications;
        await water.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applications[0].Id, Decision = ReviewDecision.Approve }, await water.Call());

        // Refused as not the supervisor's to change (row-level security keeps the roster row from its lock), never
        // answered with the state of the full roster.
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await housing.Registrations.ReviewApplicationAsync(
            new ReviewApplicationRequest { Id = applications[1].Id, Decision = ReviewDecision.Approve }, await housing.Call()));
        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        var after = (await water.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await water.Call())).Applications;
        Assert.Equal(ParticipantStatus.Submitted, after.Single(a => a.Id == applications[1].Id).Status);
    }

    private async Task HoldAsync(string eventId)
    {
        var service = Clients.EventsServiceAccount(stack);
        var sink = new EventChangeSink.EventChangeSinkClient(stack.GrpcChannel("registrations"));
        var evt = await _unit.Events.GetEventAsync(new GetEventRequest { Id = eventId }, await _unit.Call());
        await sink.ApplyEventChangeAsync(new EventChange
        {
            Sequence = long.MaxValue - 1, EventId = eventId, UnitCode = evt.UnitCode, Title = evt.Title, Status = EventStatus.Held,
            Capacity = evt.Capacity, StartsAt = evt.StartsAt, EndsAt = evt.EndsAt, RegistrationClosesAt = evt.RegistrationClosesAt,
            MinPublicShareNumerator = 1, MinPublicShareDenominator = 3,
        }, await service.Call());
    }

    /// <summary>An invitation to an event whose registration closes a few seconds from now (it may close any time before the start).</summary>
    private async Task<(Participant Invitation, DateTime ClosesAt)> InviteToEventClosingSoonAsync()
    {
        var closesAt = DateTime.UtcNow.AddSeconds(12); // time to create, publish and invite, even on a slow machine
        var day = new DateTime(OpenDayStack.SignUpYear, 10, 30, 1, 0, 0, DateTimeKind.Utc);
        var created = await _unit.Events.CreateEventAsync(new CreateEventRequest
        {
            Title = "即将截止", Theme = "政务公开", Venue = "会议室", Capacity = 10, Forms = { EventForm.Forum },
            StartsAt = Timestamp.FromDateTime(day), EndsAt = Timestamp.FromDateTime(day.AddHours(1)),
            RegistrationClosesAt = Timestamp.FromDateTime(closesAt),
            PublicSignup = true,
        }, await _unit.Call());
        await _unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = created.Id, Status = EventStatus.Published }, await _unit.Call());
        return (await InviteAsync(created.Id, "人大代表", ParticipantCategory.NpcDeputy), closesAt);
    }

    private Task<Participant> SignUpAsync(string eventId, string category = "") => _unit.SignedUpApplicationAsync(eventId, category);

    private async Task<Participant> InviteAsync(string eventId, string name, ParticipantCategory category, string statedRole = "") =>
        await _unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = name, Mobile = People.Next().Mobile, Category = category, StatedRole = statedRole,
        }, await _unit.Call());

    private async Task AcceptAsync(Participant invitation, string? idNumber = null) =>
        await _public.PublicRegistrations.RespondToInvitationAsync(new RespondToInvitationRequest
        {
            Code = invitation.Code, Accept = true, IdNumber = idNumber ?? People.Next().IdNumber,
        }, await _public.Call());

    private async Task<ReviewApplicationResponse> ReviewAsync(string id, ReviewDecision decision, string reason = "") =>
        await _unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = id, Decision = decision, Reason = reason }, await _unit.Call());

    private async Task<Application> ApplicationAsync(string code) =>
        await _public.PublicRegistrations.GetApplicationAsync(new ReferenceCodeRequest { ReferenceCode = code }, await _public.Call());

    private async Task<Roster> RosterAsync(string eventId) =>
        await _unit.Registrations.GetRosterAsync(new GetRosterRequest { EventId = eventId }, await _unit.Call());
}
