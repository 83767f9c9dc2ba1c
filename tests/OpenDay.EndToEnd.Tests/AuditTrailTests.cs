using Google.Protobuf.WellKnownTypes;
using OpenDay.Assessment.V1;
using OpenDay.Audit.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Every write RPC of every service (found in the contracts: any RPC whose REST mapping is not a GET) leaves an audit
/// record naming the caller, their unit, the RPC and the record, which the county roles can query per unit and period.
/// </summary>
[Collection(StackCollection.Name)]
public class AuditTrailTests(OpenDayStack stack)
{
    /// <summary>A successful write as one user; returns the key of the record it wrote.</summary>
    private sealed record Write(string Username, string Unit, Func<Clients, Task<string>> Perform);

    public static TheoryData<string> WriteRpcs => new(Contracts.AllRpcs.Where(Contracts.IsWrite).Select(m => m.FullName));

    private static readonly Dictionary<string, Write> Writes = new()
    {
        ["openday.units.v1.UnitsService.CreateUnit"] = new("county.admin", "county-office", async c =>
            (await c.Units.CreateUnitAsync(new CreateUnitRequest { Code = NewCode(), Name = "审计测试镇", Kind = UnitKind.Township }, await c.Call())).Code),
        ["openday.units.v1.UnitsService.UpdateUnit"] = new("county.admin", "county-office", async c =>
        {
            var code = (await c.Units.CreateUnitAsync(new CreateUnitRequest { Code = NewCode(), Name = "审计测试镇", Kind = UnitKind.Township }, await c.Call())).Code;
            return (await c.Units.UpdateUnitAsync(new UpdateUnitRequest { Code = code, Name = "审计测试镇（改）" }, await c.Call())).Code;
        }),
        ["openday.units.v1.UnitsService.RetireUnit"] = new("county.admin", "county-office", async c =>
        {
            var code = (await c.Units.CreateUnitAsync(new CreateUnitRequest { Code = NewCode(), Name = "审计测试镇", Kind = UnitKind.Township }, await c.Call())).Code;
            return (await c.Units.RetireUnitAsync(new RetireUnitRequest { Code = code }, await c.Call())).Code;
        }),
        ["openday.units.v1.UnitsService.AssignStaff"] = new("county.admin", "county-office", async c =>
            (await c.Units.AssignStaffAsync(new AssignStaffRequest { Code = "zhuge-town", Username = "trainee", Role = StaffRole.UnitStaff }, await c.Call())).Username),
        ["openday.units.v1.UnitsService.RemoveStaff"] = new("county.admin", "county-office", async c =>
        {
            await c.Units.AssignStaffAsync(new AssignStaffRequest { Code = "zhuge-town", Username = "trainee", Role = StaffRole.UnitStaff }, await c.Call());
            return (await c.Units.RemoveStaffAsync(new RemoveStaffRequest { Code = "zhuge-town", Username = "trainee" }, await c.Call())).Username;
        }),
        ["openday.units.v1.UnitsService.UpdateMyUnitContact"] = new("housing.admin", "housing-bureau", async c =>
            (await c.Units.UpdateMyUnitContactAsync(new UpdateMyUnitContactRequest { ContactName = "孙科长", ContactPhone = "0539-2251234" }, await c.Call())).Code),
        ["openday.events.v1.EventsService.CreateCampaign"] = new("county.admin", "county-office", async c =>
            (await c.Events.CreateCampaignAsync(new CampaignSettings { Year = 2038 }, await c.Call())).Settings.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["openday.events.v1.EventsService.UpdateCampaign"] = new("county.admin", "county-office", async c =>
        {
            await c.EnsureCampaignAsync(2029);
            var updated = await c.Events.UpdateCampaignAsync(new CampaignSettings { Year = 2029, MaxParticipantsPerEvent = 28 }, await c.Call());
            return updated.Settings.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }),
        ["openday.events.v1.EventsService.UpdateEvent"] = new("gaoqiao.staff", "gaoqiao-town", async c =>
        {
            var created = await c.Events.GetEventAsync(new GetEventRequest { Id = await c.CreateEventAsync("审计测试修改") }, await c.Call());
            var update = EventUpdateTests.UpdateOf(created);
            update.Venue = "审计测试的新地点";
            return (await c.Events.UpdateEventAsync(update, await c.Call())).Id;
        }),
        ["openday.events.v1.EventsService.ChangeEventStatus"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
            (await c.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = await c.CreateEventAsync(), Status = EventStatus.Published }, await c.Call())).Id),
        ["openday.events.v1.EventsService.FilePlan"] = new("watersupply.admin", "water-supply-co", async c =>
            (await c.Events.FilePlanAsync(EventRequests.Plan(2026), await c.Call())).Id),
        ["openday.events.v1.EventsService.RecordPlan"] = new("county.admin", "county-office", async c =>
        {
            var unit = Clients.ForgedUnitAdmin(c.Stack, "xujiahu-town");
            var plan = await unit.Events.FilePlanAsync(EventRequests.Plan(2026), await unit.Call());
            return (await c.Events.RecordPlanAsync(new ReviewPlanRequest { Id = plan.Id }, await c.Call())).Id;
        }),
        ["openday.events.v1.EventsService.ReturnPlan"] = new("county.admin", "county-office", async c =>
        {
            var unit = Clients.ForgedUnitAdmin(c.Stack, "zhuge-town");
            var plan = await unit.Events.FilePlanAsync(EventRequests.Plan(2026), await unit.Call());
            return (await c.Events.ReturnPlanAsync(new ReviewPlanRequest { Id = plan.Id, Reason = "开放时间不在活动期内" }, await c.Call())).Id;
        }),
        ["openday.events.v1.EventsService.SetCalendarYear"] = new("county.admin", "county-office", async c =>
            (await c.Events.SetCalendarYearAsync(Calendars.StatutoryYear(2029), await c.Call())).Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["openday.events.v1.EventsService.CreateEvent"] = new("gaoqiao.staff", "gaoqiao-town", async c =>
            (await c.Events.CreateEventAsync(EventRequests.New("审计测试", new DateTime(2026, 10, 21, 1, 0, 0, DateTimeKind.Utc), 10, EventForm.AttendMeeting),
                await c.Call())).Id),
        ["openday.registrations.v1.RegistrationsService.CreateInvitation"] = new("yicheng.admin", "yicheng-street", async c =>
            (await c.Registrations.CreateInvitationAsync(new CreateInvitationRequest
            {
                EventId = await OpenEvents.CreateAsync(c), Name = "李记者", Mobile = "13905390004", Category = ParticipantCategory.MediaReporter,
            }, await c.Call())).Id),
        ["openday.registrations.v1.RegistrationsService.ReviewApplication"] = new("gaoqiao.staff", "gaoqiao-town", async c =>
        {
            var application = await SignedUpApplicationAsync(c);
            return (await c.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = application.Id, Decision = ReviewDecision.Waitlist },
                await c.Call())).Application.Id;
        }),
        ["openday.registrations.v1.RegistrationsService.FinaliseRoster"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
        {
            // An empty roster cannot be finalised: one public representative, approved.
            var eventId = await OpenEvents.CreateAsync(c);
            var applicant = await c.SignedUpApplicationAsync(eventId);
            await c.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applicant.Id, Decision = ReviewDecision.Approve }, await c.Call());
            return (await c.Registrations.FinaliseRosterAsync(new GetRosterRequest { EventId = eventId }, await c.Call())).EventId;
        }),
        ["openday.registrations.v1.RegistrationsService.CancelParticipant"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
        {
            var application = await SignedUpApplicationAsync(c);
            return (await c.Registrations.CancelParticipantAsync(new CancelParticipantRequest { Id = application.Id, Reason = "重复报名" },
                await c.Call())).Participant.Id;
        }),
        ["openday.registrations.v1.RegistrationsService.CheckIn"] = new("gaoqiao.staff", "gaoqiao-town", async c =>
        {
            var application = await SignedUpApplicationAsync(c);
            await c.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = application.Id, Decision = ReviewDecision.Approve }, await c.Call());
            return (await c.Registrations.CheckInAsync(new CheckInRequest { EventId = application.EventId, Code = application.Code }, await c.Call())).Id;
        }),
        ["openday.registrations.v1.PublicRegistrations.SignUp"] = new("anonymous", "gaoqiao-town", async c =>
            (await SignedUpApplicationAsync(new Clients(c.Stack, "gaoqiao.admin"))).Id),
        ["openday.registrations.v1.PublicRegistrations.WithdrawApplication"] = new("anonymous", "gaoqiao-town", async c =>
        {
            var application = await SignedUpApplicationAsync(new Clients(c.Stack, "gaoqiao.admin"));
            await c.PublicRegistrations.WithdrawApplicationAsync(new ReferenceCodeRequest { ReferenceCode = application.Code }, await c.Call());
            return application.Id;
        }),
        ["openday.registrations.v1.PublicRegistrations.RespondToInvitation"] = new("anonymous", "yicheng-street", async c =>
        {
            var unit = new Clients(c.Stack, "yicheng.admin");
            var invitation = await unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
            {
                EventId = await OpenEvents.CreateAsync(unit), Name = "王代表", Mobile = "13905390006", Category = ParticipantCategory.NpcDeputy,
            }, await unit.Call());
            await c.PublicRegistrations.RespondToInvitationAsync(new RespondToInvitationRequest
            {
                Code = invitation.Code, Accept = true, IdNumber = People.Next().IdNumber,
            }, await c.Call());
            return invitation.Id;
        }),
        // The events outbox's delivery: the event's roster arrives in registrations, written as the events service's account.
        ["openday.registrations.v1.EventChangeSink.ApplyEventChange"] = new("service-account-openday-events", "gaoqiao-town", async c =>
        {
            var unit = new Clients(c.Stack, "gaoqiao.admin");
            var eventId = await OpenEvents.CreateAsync(unit);
            await OpenEvents.WaitForRosterAsync(unit, eventId, _ => true);
            return eventId;
        }),
        ["openday.assessment.v1.AssessmentService.RecordOpinion"] = new("watersupply.admin", "water-supply-co", async c =>
            (await c.Assessment.RecordOpinionAsync(new RecordOpinionRequest
            {
                EventId = await c.CreateEventAsync(), RaisedBy = "王先生", Text = "水压不足", Topic = "供水", DueDate = "2026-12-01",
            }, await c.Call())).Id),
        // The ledger across units: the responsible unit (not the recording one) writes the move, under its own name and unit.
        ["openday.assessment.v1.AssessmentService.ChangeOpinionStatus"] = new("housing.admin", "housing-bureau", async c =>
        {
            var opinion = await OpinionAssignedToAsync(c.Stack, "housing-bureau");
            return (await Ledger.MoveAsync(c, opinion.Id, OpinionStatus.InProgress)).Id;
        }),
        ["openday.assessment.v1.AssessmentService.HandBackOpinion"] = new("watersupply.admin", "water-supply-co", async c =>
        {
            var opinion = await OpinionAssignedToAsync(c.Stack, "water-supply-co");
            return (await c.Assessment.HandBackOpinionAsync(new HandBackOpinionRequest { Id = opinion.Id, Reason = "不属于本单位职责" }, await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.ReassignOpinion"] = new("county.admin", "county-office", async c =>
        {
            var opinion = await OpinionAssignedToAsync(c.Stack, "water-supply-co");
            var water = new Clients(c.Stack, "watersupply.admin");
            await water.Assessment.HandBackOpinionAsync(new HandBackOpinionRequest { Id = opinion.Id, Reason = "不属于本单位职责" }, await water.Call());
            return (await c.Assessment.ReassignOpinionAsync(new ReassignOpinionRequest { Id = opinion.Id, ResponsibleUnitCode = "housing-bureau" }, await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.DraftReport"] = new("gaoqiao.staff", "gaoqiao-town", async c =>
            (await c.Assessment.DraftReportAsync(new DraftReportRequest { EventId = await Ledger.HeldEventAsync(c), Summary = "审计测试报告" }, await c.Call())).Id),
        ["openday.assessment.v1.AssessmentService.UpdateReport"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
        {
            var report = await c.Assessment.DraftReportAsync(new DraftReportRequest { EventId = await Ledger.HeldEventAsync(c), Summary = "审计测试报告" }, await c.Call());
            return (await c.Assessment.UpdateReportAsync(new UpdateReportRequest { Id = report.Id, Summary = "审计测试报告（修改）" }, await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.PublishReport"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
        {
            var report = await c.Assessment.DraftReportAsync(new DraftReportRequest { EventId = await Ledger.HeldEventAsync(c), Summary = "审计测试报告" }, await c.Call());
            return (await c.Assessment.PublishReportAsync(new PublishReportRequest { Id = report.Id }, await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.AddReportPhoto"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
        {
            var report = await c.Assessment.DraftReportAsync(new DraftReportRequest { EventId = await Ledger.HeldEventAsync(c), Summary = "审计测试报告" }, await c.Call());
            return (await c.Assessment.AddReportPhotoAsync(new AddReportPhotoRequest { ReportId = report.Id, Content = Google.Protobuf.ByteString.CopyFrom(Ledger.Png) },
                await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.CreateQuestionnaire"] = new("gaoqiao.staff", "gaoqiao-town", async c =>
            (await c.Assessment.CreateQuestionnaireAsync(Questionnaires.FourKinds(await c.CreateEventAsync()), await c.Call())).Id),
        ["openday.assessment.v1.AssessmentService.UpdateQuestionnaire"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
        {
            var created = await c.Assessment.CreateQuestionnaireAsync(Questionnaires.FourKinds(await c.CreateEventAsync()), await c.Call());
            return (await c.Assessment.UpdateQuestionnaireAsync(new UpdateQuestionnaireRequest
            {
                Id = created.Id, Title = "审计测试问卷（修改）", Policy = created.Policy, Questions = { created.Questions },
            }, await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.ChangeQuestionnaireStatus"] = new("gaoqiao.admin", "gaoqiao-town", async c =>
            (await Questionnaires.OpenAsync(c, await c.CreateEventAsync())).Id),
        ["openday.assessment.v1.AssessmentService.EnterPaperAnswer"] = new("gaoqiao.staff", "gaoqiao-town", async c =>
        {
            var questionnaire = await Questionnaires.OpenAsync(c, await c.CreateEventAsync());
            return (await c.Assessment.EnterPaperAnswerAsync(new QuestionnaireAnswerRequest
            {
                QuestionnaireId = questionnaire.Id, Answers = { Questionnaires.Answers(1, [2], 5, "纸质问卷") },
            }, await c.Call())).Id;
        }),
        // A participant answers over the public route, with no token: recorded as anonymous, for the questionnaire's unit.
        ["openday.assessment.v1.AssessmentService.SubmitQuestionnaireAnswer"] = new("anonymous", "gaoqiao-town", async c =>
        {
            var unit = new Clients(c.Stack, "gaoqiao.admin");
            var eventId = await OpenEvents.CreateAsync(unit);
            var code = await Questionnaires.ConfirmedCodeAsync(unit, eventId);
            var questionnaire = await Questionnaires.OpenAsync(unit, eventId);
            var (status, body, _) = await Ledger.RestAsync(c.Stack, HttpMethod.Post, $"/api/v1/public/assessment/questionnaires/{questionnaire.Id}/answers", null,
                Questionnaires.Body(code, Questionnaires.Answers(1, [1], 4, "")));
            Assert.True(status == System.Net.HttpStatusCode.OK, $"{(int)status} {body}");
            return body.GetProperty("id").GetString()!;
        }),
        // The score: each year its own, so that finalising one leaves the others open.
        ["openday.assessment.v1.AssessmentService.UpdateRubric"] = new("county.admin", "county-office", async c =>
        {
            var rubric = await c.Assessment.GetRubricAsync(new GetRubricRequest { Year = 2091 }, await c.Call());
            rubric.Criteria[0].Weight = 12;
            return (await c.Assessment.UpdateRubricAsync(new UpdateRubricRequest { Year = 2091, Criteria = { rubric.Criteria } }, await c.Call()))
                .Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }),
        ["openday.assessment.v1.AssessmentService.ComputeScores"] = new("county.admin", "county-office", async c =>
        {
            await c.EnsureCampaignAsync(2091);
            return (await c.Assessment.ComputeScoresAsync(new ComputeScoresRequest { Year = 2091 }, await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.FinaliseScores"] = new("county.admin", "county-office", async c =>
        {
            await c.EnsureCampaignAsync(2090);
            await c.Assessment.ComputeScoresAsync(new ComputeScoresRequest { Year = 2090 }, await c.Call());
            return (await c.Assessment.FinaliseScoresAsync(new FinaliseScoresRequest { Year = 2090 }, await c.Call())).Id;
        }),
        ["openday.assessment.v1.AssessmentService.RecordInspection"] = new("county.inspector", "county-office", async c =>
            (await c.Assessment.RecordInspectionAsync(new RecordInspectionRequest
            {
                UnitCode = "water-supply-co", InspectedOn = "2026-10-20", Kind = InspectionKind.Supervision, Findings = "审计测试检查", Rating = InspectionRating.Acceptable,
            }, await c.Call())).Id),
        // The inspected unit writes its rectification on the county office's record, under its own name and unit.
        ["openday.assessment.v1.AssessmentService.RecordRectification"] = new("watersupply.admin", "water-supply-co", async c =>
        {
            var county = new Clients(c.Stack, "county.admin");
            var inspection = await county.Assessment.RecordInspectionAsync(new RecordInspectionRequest
            {
                UnitCode = "water-supply-co", InspectedOn = "2026-10-20", Kind = InspectionKind.SiteVisit, Findings = "审计测试检查",
                Rating = InspectionRating.ProblemsFound, RectificationRequired = "审计测试整改", RectificationWorkingDays = 5,
            }, await county.Call());
            return (await c.Assessment.RecordRectificationAsync(new RecordRectificationRequest { Id = inspection.Id, Note = "已整改" }, await c.Call())).Id;
        }),
        // The assessment outbox's delivery: the event becomes reported in events, written as assessment's own account.
        ["openday.events.v1.EventReportSink.MarkEventReported"] = new("service-account-openday-assessment", "gaoqiao-town", async c =>
        {
            var unit = new Clients(c.Stack, "gaoqiao.admin");
            var eventId = await Ledger.HeldEventAsync(unit);
            var report = await unit.Assessment.DraftReportAsync(new DraftReportRequest { EventId = eventId, Summary = "审计测试报告" }, await unit.Call());
            await unit.Assessment.PublishReportAsync(new PublishReportRequest { Id = report.Id }, await unit.Call());
            await Eventually.ReturnsAsync(async () => await unit.Events.GetEventAsync(new GetEventRequest { Id = eventId }, await unit.Call()),
                e => e.Status == EventStatus.Reported);
            return eventId;
        }),
    };

    [Theory]
    [MemberData(nameof(WriteRpcs))]
    public async Task Every_write_leaves_an_audit_record_naming_the_caller_and_the_record(string rpc)
    {
        Assert.True(Writes.TryGetValue(rpc, out var write), $"{rpc} has no audit scenario: add one to {nameof(AuditTrailTests)}.{nameof(Writes)}.");
        var method = Contracts.AllRpcs.Single(m => m.FullName == rpc);
        var started = DateTime.UtcNow.AddSeconds(-5);

        var key = await write.Perform(write.Username switch
        {
            "anonymous" => Clients.Anonymous(stack),
            "service-account-openday-events" => Clients.EventsServiceAccount(stack),
            "service-account-openday-assessment" => Clients.AssessmentServiceAccount(stack),
            var username => new Clients(stack, username),
        });

        var county = new Clients(stack, "county.inspector");
        var request = new ListAuditEntriesRequest
        {
            UnitCode = write.Unit, From = Timestamp.FromDateTime(started), To = Timestamp.FromDateTime(DateTime.UtcNow.AddSeconds(5)), PageSize = 200,
        };
        var entries = method.Service.File.Package switch
        {
            "openday.units.v1" => await county.Units.ListAuditEntriesAsync(request, await county.Call()),
            "openday.events.v1" => await county.Events.ListAuditEntriesAsync(request, await county.Call()),
            "openday.registrations.v1" => await county.Registrations.ListAuditEntriesAsync(request, await county.Call()),
            "openday.assessment.v1" => await county.Assessment.ListAuditEntriesAsync(request, await county.Call()),
            var other => throw new InvalidOperationException($"No audit query for {other}."),
        };
        bool ThisWrite(AuditEntry e) => e.Operation == Contracts.Path(method) && e.RecordKey == key;
        Assert.Contains(entries.Entries, ThisWrite);
        var entry = entries.Entries.First(ThisWrite);
        Assert.Equal(write.Username, entry.UserName);
        Assert.Equal(write.Unit, entry.UnitCode);
        Assert.NotEmpty(entry.UserId);
    }

    [Fact]
    public async Task A_unit_reads_its_own_audit_records_only_and_the_period_filter_holds()
    {
        var gaoqiao = new Clients(stack, "gaoqiao.admin");
        await Writes["openday.events.v1.EventsService.CreateEvent"].Perform(gaoqiao);
        var own = await gaoqiao.Events.ListAuditEntriesAsync(new ListAuditEntriesRequest(), await gaoqiao.Call());
        Assert.NotEmpty(own.Entries);
        Assert.All(own.Entries, e => Assert.Equal("gaoqiao-town", e.UnitCode));

        var county = new Clients(stack, "county.admin");
        var future = await county.Events.ListAuditEntriesAsync(new ListAuditEntriesRequest
        {
            From = Timestamp.FromDateTime(DateTime.UtcNow.AddDays(1)),
        }, await county.Call());
        Assert.Empty(future.Entries);
    }

    /// <summary>A member of the public signs up for a new open event of the staff member's unit; the application as staff see it.</summary>
    private static async Task<Participant> SignedUpApplicationAsync(Clients staff)
    {
        var eventId = await OpenEvents.CreateAsync(new Clients(staff.Stack, staff.Username.Split('.')[0] + ".admin"));
        return await staff.SignedUpApplicationAsync(eventId);
    }


    /// <summary>An opinion 高桥镇 records at its event and assigns to another unit.</summary>
    private static async Task<Opinion> OpinionAssignedToAsync(OpenDayStack stack, string unit)
    {
        var gaoqiao = new Clients(stack, "gaoqiao.admin");
        return await Ledger.RecordAsync(gaoqiao, await gaoqiao.CreateEventAsync(), unit);
    }

    private static string NewCode() => $"audit-{Guid.NewGuid():N}"[..20];
}
