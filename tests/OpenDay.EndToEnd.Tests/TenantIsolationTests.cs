using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OpenDay.Assessment.V1;
using OpenDay.Audit.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// For every RPC of every service (found in the contracts, so an RPC added later is covered without touching this
/// class), a user of unit A (沂城街道) cannot read, list, change or delete unit B's (高桥镇) data, and B's data is
/// unchanged afterwards. An RPC without a scenario here fails the test. The ledger's RPCs are tried on a third unit's
/// case: an opinion B recorded and assigned to unit C (县住房和城乡建设局), which A must not reach either.
/// </summary>
[Collection(StackCollection.Name)]
public class TenantIsolationTests(OpenDayStack stack)
{
    private const string UnitB = "gaoqiao-town";
    private const string MobileOfB = "13905390001";

    /// <summary>What unit B owns, made once per test through B's own calls.</summary>
    private sealed record DataOfB(string EventId, string InvitationId, string OpinionId, string OpenEventId, string InvitationCode,
        string ApplicationId, string AssignedOpinionId, string HeldEventId, string ReportId, string PhotoId, string QuestionnaireId, string InspectionId);

    /// <summary>The third unit of the ledger's scenarios: B's opinion is assigned to it.</summary>
    private const string UnitC = "housing-bureau";

    /// <summary>A well-formed code nobody was given.</summary>
    private static readonly string GuessedCode = Guid.NewGuid().ToString("N");

    public static TheoryData<string> Rpcs => new(Contracts.AllRpcs.Select(m => m.FullName));

    private static readonly Dictionary<string, Func<Clients, DataOfB, Task>> Scenarios = new()
    {
        ["openday.units.v1.UnitsService.ListAuditEntries"] = async (a, b) =>
            AssertNoneOfB(await a.Units.ListAuditEntriesAsync(new ListAuditEntriesRequest { UnitCode = UnitB }, await a.Call()), b),
        ["openday.units.v1.UnitsService.CreateUnit"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Units.CreateUnitAsync(new CreateUnitRequest { Code = "takeover-town", Name = "冒名", Kind = UnitKind.Township }, await a.Call())),
        ["openday.units.v1.UnitsService.UpdateUnit"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Units.UpdateUnitAsync(new UpdateUnitRequest { Code = UnitB, Name = "改名" }, await a.Call())),
        ["openday.units.v1.UnitsService.RetireUnit"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Units.RetireUnitAsync(new RetireUnitRequest { Code = UnitB }, await a.Call())),
        ["openday.units.v1.UnitsService.AssignStaff"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Units.AssignStaffAsync(new AssignStaffRequest { Code = UnitB, Username = "yicheng.admin", Role = StaffRole.UnitAdmin }, await a.Call())),
        ["openday.units.v1.UnitsService.ListStaff"] = async (a, _) => await Denied(StatusCode.NotFound, async () =>
            await a.Units.ListStaffAsync(new ListStaffRequest { Code = UnitB }, await a.Call())),
        ["openday.units.v1.UnitsService.RemoveStaff"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Units.RemoveStaffAsync(new RemoveStaffRequest { Code = UnitB, Username = "gaoqiao.admin" }, await a.Call())),
        ["openday.units.v1.UnitsService.GetUnit"] = async (a, _) => await Denied(StatusCode.NotFound, async () =>
            await a.Units.GetUnitAsync(new GetUnitRequest { Code = UnitB }, await a.Call())),
        ["openday.units.v1.UnitsService.ListUnits"] = async (a, b) =>
            AssertNoneOfB(await a.Units.ListUnitsAsync(new ListUnitsRequest { IncludeRetired = true, PageSize = 100 }, await a.Call()), b),
        ["openday.units.v1.UnitsService.GetMyUnit"] = async (a, b) =>
            AssertNoneOfB(await a.Units.GetMyUnitAsync(new GetMyUnitRequest(), await a.Call()), b),
        ["openday.units.v1.UnitsService.UpdateMyUnitContact"] = async (a, b) => AssertNoneOfB(await a.Units.UpdateMyUnitContactAsync(
            new UpdateMyUnitContactRequest { ContactName = "沂城联络员", ContactPhone = "13905390002" }, await a.Call()), b),
        ["openday.units.v1.UnitsService.ListPublicUnits"] = async (a, b) =>
            AssertNoneOfB(await a.Units.ListPublicUnitsAsync(new ListPublicUnitsRequest(), await a.Call()), b, publicListing: true),
        ["openday.units.v1.UnitDirectory.GetUnitFacts"] = async (a, b) =>
            AssertNoneOfB(await a.Directory.GetUnitFactsAsync(new GetUnitFactsRequest(), await a.Call()), b),

        ["openday.events.v1.EventsService.ListAuditEntries"] = async (a, b) =>
            AssertNoneOfB(await a.Events.ListAuditEntriesAsync(new ListAuditEntriesRequest { UnitCode = UnitB }, await a.Call()), b),
        ["openday.events.v1.EventsService.CreateCampaign"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Events.CreateCampaignAsync(new CampaignSettings { Year = 2040 }, await a.Call())),
        ["openday.events.v1.EventsService.UpdateCampaign"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Events.UpdateCampaignAsync(new CampaignSettings { Year = 2026, MaxParticipantsPerEvent = 5 }, await a.Call())),
        ["openday.events.v1.EventsService.GetCampaign"] = async (a, b) =>
            AssertNoneOfB(await a.Events.GetCampaignAsync(new GetCampaignRequest { Year = 2026 }, await a.Call()), b),
        ["openday.events.v1.EventsService.ListCampaignChanges"] = async (a, b) =>
            AssertNoneOfB(await a.Events.ListCampaignChangesAsync(new GetCampaignRequest { Year = 2026 }, await a.Call()), b),
        ["openday.events.v1.EventsService.GetCalendarYear"] = async (a, b) =>
            AssertNoneOfB(await a.Events.GetCalendarYearAsync(new GetCalendarYearRequest { Year = 2026 }, await a.Call()), b),
        ["openday.events.v1.EventsService.SetCalendarYear"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Events.SetCalendarYearAsync(new CalendarYear { Year = 2026 }, await a.Call())),
        ["openday.events.v1.EventsService.AddWorkingDays"] = async (a, b) =>
            AssertNoneOfB(await a.Events.AddWorkingDaysAsync(new AddWorkingDaysRequest { Date = "2026-09-30", WorkingDays = 5 }, await a.Call()), b),
        ["openday.events.v1.EventsService.CreateEvent"] = async (a, b) => AssertNoneOfB(await a.Events.CreateEventAsync(NewEvent("沂城街道开放日"), await a.Call()), b),
        ["openday.events.v1.EventsService.UpdateEvent"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
        {
            var update = EventUpdateTests.UpdateOf(await new Clients(a.Stack, "gaoqiao.admin").Events.GetEventAsync(
                new GetEventRequest { Id = b.EventId }, await new Clients(a.Stack, "gaoqiao.admin").Call()));
            update.Venue = "冒名修改的地点";
            await a.Events.UpdateEventAsync(update, await a.Call());
        }),
        ["openday.events.v1.EventsService.ChangeEventStatus"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = b.EventId, Status = EventStatus.Cancelled, Reason = "冒名取消" }, await a.Call())),
        ["openday.events.v1.EventsService.FilePlan"] = async (a, b) => AssertNoneOfB(await a.Events.FilePlanAsync(new FilePlanRequest
        {
            Year = 2026, OpenDates = { "2026-10-09" }, Themes = { "街道开放日" }, Forms = { EventForm.Forum }, ImplementationPlan = "职责分工、开放内容、活动流程",
        }, await a.Call()), b),
        ["openday.events.v1.EventsService.RecordPlan"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Events.RecordPlanAsync(new ReviewPlanRequest { Id = Guid.NewGuid().ToString() }, await a.Call())),
        ["openday.events.v1.EventsService.ReturnPlan"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Events.ReturnPlanAsync(new ReviewPlanRequest { Id = Guid.NewGuid().ToString(), Reason = "x" }, await a.Call())),
        ["openday.events.v1.EventsService.ListPlans"] = async (a, b) =>
            AssertNoneOfB(await a.Events.ListPlansAsync(new ListPlansRequest(), await a.Call()), b),
        ["openday.events.v1.EventsService.GetCompliance"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Events.GetComplianceAsync(new GetCampaignRequest { Year = 2026 }, await a.Call())),
        ["openday.events.v1.EventsService.ListPublicEvents"] = async (a, b) =>
            AssertNoneOfB(await a.Events.ListPublicEventsAsync(new ListPublicEventsRequest { PageSize = 100 }, await a.Call()), b, publicListing: true),
        ["openday.events.v1.EventsService.GetPublicEvent"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Events.GetPublicEventAsync(new GetEventRequest { Id = b.EventId }, await a.Call())),
        ["openday.events.v1.EventsService.GetEvent"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Events.GetEventAsync(new GetEventRequest { Id = b.EventId }, await a.Call())),
        ["openday.events.v1.EventsService.ListEvents"] = async (a, b) =>
            AssertNoneOfB(await a.Events.ListEventsAsync(new ListEventsRequest(), await a.Call()), b),

        ["openday.registrations.v1.RegistrationsService.ListAuditEntries"] = async (a, b) =>
            AssertNoneOfB(await a.Registrations.ListAuditEntriesAsync(new ListAuditEntriesRequest { UnitCode = UnitB }, await a.Call()), b),
        ["openday.registrations.v1.RegistrationsService.CreateInvitation"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.CreateInvitationAsync(new CreateInvitationRequest
            {
                EventId = b.EventId, Name = "冒名邀请", Mobile = "13905390003", Category = ParticipantCategory.MediaReporter,
            }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.ListInvitations"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.ListInvitationsAsync(new ListInvitationsRequest { EventId = b.OpenEventId }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.ListApplications"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = b.OpenEventId }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.ReviewApplication"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = b.ApplicationId, Decision = ReviewDecision.Approve }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.GetRoster"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.GetRosterAsync(new GetRosterRequest { EventId = b.OpenEventId }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.FinaliseRoster"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.FinaliseRosterAsync(new GetRosterRequest { EventId = b.OpenEventId }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.CancelParticipant"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.CancelParticipantAsync(new CancelParticipantRequest { Id = b.InvitationId, Reason = "冒名取消" }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.CheckIn"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.CheckInAsync(new CheckInRequest { EventId = b.OpenEventId, Code = b.InvitationCode }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.GetAttendance"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.GetAttendanceAsync(new GetRosterRequest { EventId = b.OpenEventId }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.ExportRoster"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.ExportRosterAsync(new ExportRosterRequest { EventId = b.OpenEventId, Format = ExportFormat.Xlsx }, await a.Call())),
        ["openday.registrations.v1.RegistrationsService.ListNotifications"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Registrations.ListNotificationsAsync(new GetRosterRequest { EventId = b.OpenEventId }, await a.Call())),
        // The public routes: anyone may use them, but only with a code they were given, and never on a draft.
        ["openday.registrations.v1.PublicRegistrations.SignUp"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.PublicRegistrations.SignUpAsync(new SignUpRequest
            {
                EventId = b.EventId, Name = "冒名报名", Mobile = "13905390005", IdNumber = People.Next().IdNumber, WorkUnit = "沂城街道",
            }, await a.Call())),
        ["openday.registrations.v1.PublicRegistrations.GetApplication"] = async (a, _) => await Denied(StatusCode.NotFound, async () =>
            await a.PublicRegistrations.GetApplicationAsync(new ReferenceCodeRequest { ReferenceCode = GuessedCode }, await a.Call())),
        ["openday.registrations.v1.PublicRegistrations.WithdrawApplication"] = async (a, _) => await Denied(StatusCode.NotFound, async () =>
            await a.PublicRegistrations.WithdrawApplicationAsync(new ReferenceCodeRequest { ReferenceCode = GuessedCode }, await a.Call())),
        ["openday.registrations.v1.PublicRegistrations.GetInvitation"] = async (a, _) => await Denied(StatusCode.NotFound, async () =>
            await a.PublicRegistrations.GetInvitationAsync(new InvitationCodeRequest { Code = GuessedCode }, await a.Call())),
        ["openday.registrations.v1.PublicRegistrations.RespondToInvitation"] = async (a, _) => await Denied(StatusCode.NotFound, async () =>
            await a.PublicRegistrations.RespondToInvitationAsync(new RespondToInvitationRequest { Code = GuessedCode, Accept = false }, await a.Call())),
        // For the events service's account only: the gateway does not route it, and the service refuses a unit's user.
        ["openday.registrations.v1.EventChangeSink.ApplyEventChange"] = async (a, b) =>
        {
            var change = new EventChange { Sequence = long.MaxValue, EventId = b.OpenEventId, UnitCode = UnitB, Status = EventStatus.Cancelled };
            await Denied(StatusCode.Unimplemented, async () =>
                await new EventChangeSink.EventChangeSinkClient(a.Stack.GrpcChannel()).ApplyEventChangeAsync(change, await a.Call()));
            await Denied(StatusCode.PermissionDenied, async () =>
                await new EventChangeSink.EventChangeSinkClient(a.Stack.GrpcChannel("registrations")).ApplyEventChangeAsync(change, await a.Call()));
        },

        ["openday.assessment.v1.AssessmentService.ListAuditEntries"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.ListAuditEntriesAsync(new ListAuditEntriesRequest { UnitCode = UnitB }, await a.Call()), b),
        ["openday.assessment.v1.AssessmentService.RecordOpinion"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.RecordOpinionAsync(new RecordOpinionRequest
            {
                EventId = b.EventId, RaisedBy = "某人", Text = "意见", Topic = "主题", DueDate = "2026-12-31", ResponsibleUnitCode = UnitC,
            }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ListOpinions"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.ListOpinionsAsync(new ListOpinionsRequest { PageSize = 500 }, await a.Call()), b),
        ["openday.assessment.v1.AssessmentService.GetOpinion"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = b.AssignedOpinionId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ChangeOpinionStatus"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.ChangeOpinionStatusAsync(new ChangeOpinionStatusRequest { Id = b.AssignedOpinionId, Status = OpinionStatus.InProgress }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.HandBackOpinion"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.HandBackOpinionAsync(new HandBackOpinionRequest { Id = b.AssignedOpinionId, Reason = "冒名退回" }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ReassignOpinion"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.ReassignOpinionAsync(new ReassignOpinionRequest { Id = b.AssignedOpinionId, ResponsibleUnitCode = "yicheng-street" }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ListOverdueOpinions"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.ListOverdueOpinionsAsync(new ListOverdueOpinionsRequest { UnitCode = UnitC }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetOpinionSummary"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.GetOpinionSummaryAsync(new GetOpinionSummaryRequest(), await a.Call()), b, alsoUnitC: true),
        ["openday.assessment.v1.AssessmentService.ExportOpinions"] = async (a, b) =>
        {
            var file = await a.Assessment.ExportOpinionsAsync(new ExportOpinionsRequest { Format = ExportFormat.Csv }, await a.Call());
            AssertNoneOfB(new StringValue { Value = file.Data.ToStringUtf8() }, b, alsoUnitC: true);
        },
        ["openday.assessment.v1.AssessmentService.DraftReport"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.DraftReportAsync(new DraftReportRequest { EventId = b.HeldEventId, Summary = "冒名报告" }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.UpdateReport"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.UpdateReportAsync(new UpdateReportRequest { Id = b.ReportId, Summary = "冒名修改", CorrectionNote = "冒名" }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.PublishReport"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.PublishReportAsync(new PublishReportRequest { Id = b.ReportId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetReport"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetReportAsync(new GetReportRequest { Id = b.ReportId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ListReports"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.ListReportsAsync(new ListReportsRequest { PageSize = 100 }, await a.Call()), b),
        ["openday.assessment.v1.AssessmentService.AddReportPhoto"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.AddReportPhotoAsync(new AddReportPhotoRequest { ReportId = b.ReportId, Content = ByteString.CopyFrom(Ledger.Png) }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetReportPhoto"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetReportPhotoAsync(new GetReportPhotoRequest { ReportId = b.ReportId, PhotoId = b.PhotoId }, await a.Call())),
        // The public column: B's draft report and C's unanswered opinion are nobody's business yet.
        ["openday.assessment.v1.AssessmentService.ListPublicReports"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.ListPublicReportsAsync(new ListPublicReportsRequest { UnitCode = UnitB, PageSize = 100 }, await a.Call()), b, publicListing: true),
        ["openday.assessment.v1.AssessmentService.GetPublicReport"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetPublicReportAsync(new GetPublicReportRequest { Id = b.ReportId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetPublicReportPhoto"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetPublicReportPhotoAsync(new GetReportPhotoRequest { ReportId = b.ReportId, PhotoId = b.PhotoId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ListPublicOpinions"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.ListPublicOpinionsAsync(new ListPublicOpinionsRequest { UnitCode = UnitC, PageSize = 100 }, await a.Call()), b, publicListing: true),
        ["openday.assessment.v1.AssessmentService.CreateQuestionnaire"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.CreateQuestionnaireAsync(Questionnaires.FourKinds(b.HeldEventId, "冒名问卷"), await a.Call())),
        ["openday.assessment.v1.AssessmentService.UpdateQuestionnaire"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
        {
            var change = Questionnaires.FourKinds(b.HeldEventId, "冒名修改");
            await a.Assessment.UpdateQuestionnaireAsync(new UpdateQuestionnaireRequest
            {
                Id = b.QuestionnaireId, Title = change.Title, Policy = change.Policy, Questions = { change.Questions },
            }, await a.Call());
        }),
        ["openday.assessment.v1.AssessmentService.ChangeQuestionnaireStatus"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.ChangeQuestionnaireStatusAsync(new ChangeQuestionnaireStatusRequest { Id = b.QuestionnaireId, Status = QuestionnaireStatus.Closed }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetQuestionnaire"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetQuestionnaireAsync(new GetQuestionnaireRequest { Id = b.QuestionnaireId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ListQuestionnaires"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.ListQuestionnairesAsync(new ListQuestionnairesRequest { PageSize = 100 }, await a.Call()), b),
        ["openday.assessment.v1.AssessmentService.EnterPaperAnswer"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.EnterPaperAnswerAsync(new QuestionnaireAnswerRequest
            {
                QuestionnaireId = b.QuestionnaireId, Answers = { Questionnaires.Answers(1, [1], 1, "冒名答卷") },
            }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetQuestionnaireResults"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetQuestionnaireResultsAsync(new GetQuestionnaireRequest { Id = b.QuestionnaireId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ExportQuestionnaireResults"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.ExportQuestionnaireResultsAsync(new ExportQuestionnaireResultsRequest { Id = b.QuestionnaireId, Format = ExportFormat.Xlsx }, await a.Call())),
        // An open questionnaire is public by design (its questions); never its answers or how many there are.
        ["openday.assessment.v1.AssessmentService.GetPublicQuestionnaire"] = async (a, b) =>
        {
            var shown = await a.Assessment.GetPublicQuestionnaireAsync(new GetQuestionnaireRequest { Id = b.QuestionnaireId }, await a.Call());
            Assert.Equal(0, shown.AnswerCount);
            AssertNoneOfB(shown, b, publicListing: true);
        },
        // Anyone may answer with a participant's code; a code that is not one of B's event's participants writes nothing.
        ["openday.assessment.v1.AssessmentService.SubmitQuestionnaireAnswer"] = async (a, b) => await Denied(StatusCode.FailedPrecondition, async () =>
            await a.Assessment.SubmitQuestionnaireAnswerAsync(new QuestionnaireAnswerRequest
            {
                QuestionnaireId = b.QuestionnaireId, Code = GuessedCode, Answers = { Questionnaires.Answers(1, [1], 1, "冒名答卷") },
            }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.RecordInspection"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.RecordInspectionAsync(new RecordInspectionRequest
            {
                UnitCode = UnitB, InspectedOn = "2026-10-20", Kind = InspectionKind.Supervision, Findings = "冒名检查", Rating = InspectionRating.Good,
            }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetInspection"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.GetInspectionAsync(new GetInspectionRequest { Id = b.InspectionId }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ListInspections"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.ListInspectionsAsync(new ListInspectionsRequest { UnitCode = UnitB, PageSize = 100 }, await a.Call()), b),
        ["openday.assessment.v1.AssessmentService.RecordRectification"] = async (a, b) => await Denied(StatusCode.NotFound, async () =>
            await a.Assessment.RecordRectificationAsync(new RecordRectificationRequest { Id = b.InspectionId, Note = "冒名整改" }, await a.Call())),
        // The score (考核): the rubric is everyone's to read; the table and its changes are the county's; a unit's card its own.
        ["openday.assessment.v1.AssessmentService.GetRubric"] = async (a, b) =>
            AssertNoneOfB(await a.Assessment.GetRubricAsync(new GetRubricRequest { Year = ScoreYear }, await a.Call()), b),
        ["openday.assessment.v1.AssessmentService.UpdateRubric"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.UpdateRubricAsync(new UpdateRubricRequest
            {
                Year = ScoreYear, Criteria = { new RubricCriterion { Kind = CriterionKind.PlanOnTime, Name = "冒名修改", Weight = 100 } },
            }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ListRubricChanges"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.ListRubricChangesAsync(new GetRubricRequest { Year = ScoreYear }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ComputeScores"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.ComputeScoresAsync(new ComputeScoresRequest { Year = ScoreYear }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetScoreTable"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.GetScoreTableAsync(new GetScoreTableRequest { Year = ScoreYear }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.ExportScores"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.ExportScoresAsync(new GetScoreTableRequest { Year = ScoreYear }, await a.Call())),
        ["openday.assessment.v1.AssessmentService.GetUnitScore"] = async (a, _) =>
        {
            await ScoresComputedAsync(a.Stack);
            var ofB = new GetUnitScoreRequest { Year = ScoreYear, UnitCode = UnitB };
            var b = new Clients(a.Stack, "gaoqiao.admin");
            Assert.Equal(UnitB, (await b.Assessment.GetUnitScoreAsync(ofB, await b.Call())).UnitCode); // it is there
            await Denied(StatusCode.NotFound, async () => await a.Assessment.GetUnitScoreAsync(ofB, await a.Call()));
        },
        ["openday.assessment.v1.AssessmentService.FinaliseScores"] = async (a, _) => await Denied(StatusCode.PermissionDenied, async () =>
            await a.Assessment.FinaliseScoresAsync(new FinaliseScoresRequest { Year = ScoreYear }, await a.Call())),
        // For the assessment service's account only: the gateway does not route them, and events and registrations refuse a unit's user.
        ["openday.events.v1.EventScoreFacts.GetEventYearFacts"] = async (a, _) =>
        {
            var year = new GetCampaignRequest { Year = ScoreYear };
            await Denied(StatusCode.Unimplemented, async () =>
                await new EventScoreFacts.EventScoreFactsClient(a.Stack.GrpcChannel()).GetEventYearFactsAsync(year, await a.Call()));
            await Denied(StatusCode.PermissionDenied, async () =>
                await new EventScoreFacts.EventScoreFactsClient(a.Stack.GrpcChannel("events")).GetEventYearFactsAsync(year, await a.Call()));
        },
        ["openday.registrations.v1.RosterScoreFacts.GetRosterYearFacts"] = async (a, _) =>
        {
            var year = new GetRosterYearFactsRequest { Year = ScoreYear };
            await Denied(StatusCode.Unimplemented, async () =>
                await new RosterScoreFacts.RosterScoreFactsClient(a.Stack.GrpcChannel()).GetRosterYearFactsAsync(year, await a.Call()));
            await Denied(StatusCode.PermissionDenied, async () =>
                await new RosterScoreFacts.RosterScoreFactsClient(a.Stack.GrpcChannel("registrations")).GetRosterYearFactsAsync(year, await a.Call()));
        },
        // For the assessment service's account only: the gateway does not route it, and registrations refuses a unit's user.
        ["openday.registrations.v1.ParticipantCodes.CheckParticipantCode"] = async (a, b) =>
        {
            var check = new CheckParticipantCodeRequest { EventId = b.OpenEventId, Code = b.InvitationCode };
            await Denied(StatusCode.Unimplemented, async () =>
                await new ParticipantCodes.ParticipantCodesClient(a.Stack.GrpcChannel()).CheckParticipantCodeAsync(check, await a.Call()));
            await Denied(StatusCode.PermissionDenied, async () =>
                await new ParticipantCodes.ParticipantCodesClient(a.Stack.GrpcChannel("registrations")).CheckParticipantCodeAsync(check, await a.Call()));
        },
        ["openday.events.v1.EventsService.CountWorkingDays"] = async (a, b) =>
            AssertNoneOfB(await a.Events.CountWorkingDaysAsync(new CountWorkingDaysRequest { FromDates = { "2026-10-15" }, ToDate = "2026-10-16" }, await a.Call()), b),
        // For the assessment service's account only: the gateway does not route it, and the events service refuses a unit's user.
        ["openday.events.v1.EventReportSink.MarkEventReported"] = async (a, b) =>
        {
            var change = new MarkEventReportedRequest
            {
                EventId = b.HeldEventId, UnitCode = UnitB, ReportId = b.ReportId, DueOn = "2026-10-27", PublishedOn = "2026-10-27",
            };
            await Denied(StatusCode.Unimplemented, async () =>
                await new EventReportSink.EventReportSinkClient(a.Stack.GrpcChannel()).MarkEventReportedAsync(change, await a.Call()));
            await Denied(StatusCode.PermissionDenied, async () =>
                await new EventReportSink.EventReportSinkClient(a.Stack.GrpcChannel("events")).MarkEventReportedAsync(change, await a.Call()));
        },
    };

    [Fact]
    public void The_contracts_have_rpcs_to_check() => Assert.True(Contracts.AllRpcs.Count >= 20);

    [Theory]
    [MemberData(nameof(Rpcs))]
    public async Task A_user_of_another_unit_cannot_reach_unit_Bs_data(string rpc)
    {
        Assert.True(Scenarios.TryGetValue(rpc, out var scenario),
            $"{rpc} has no isolation scenario: add one to {nameof(TenantIsolationTests)}.{nameof(Scenarios)}.");
        var b = new Clients(stack, "gaoqiao.admin");
        var dataOfB = await MakeDataOfBAsync(b);
        var before = await SnapshotAsync(b, dataOfB);

        await scenario(new Clients(stack, "yicheng.admin"), dataOfB);

        Assert.Equal(before, await SnapshotAsync(b, dataOfB));
    }

    private static async Task<DataOfB> MakeDataOfBAsync(Clients b)
    {
        await b.Units.UpdateMyUnitContactAsync(new UpdateMyUnitContactRequest { ContactName = "高桥联络员", ContactPhone = MobileOfB }, await b.Call());
        var evt = await b.Events.CreateEventAsync(NewEvent("高桥镇开放日"), await b.Call());
        var openEventId = await OpenEvents.CreateAsync(b);
        var invitation = await b.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = openEventId, Name = "高桥人大代表", Mobile = MobileOfB, Category = ParticipantCategory.NpcDeputy,
        }, await b.Call());
        using var gateway = b.Stack.Gateway();
        var referenceCode = await People.SignedUpAsync(gateway, openEventId, People.Next("高桥群众"));
        var application = (await b.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = openEventId }, await b.Call()))
            .Applications.Single(a => a.Code == referenceCode);
        var opinion = await b.Assessment.RecordOpinionAsync(new RecordOpinionRequest
        {
            EventId = evt.Id, RaisedBy = "高桥群众", Text = "高桥镇的意见", Topic = "道路", DueDate = "2026-12-31",
        }, await b.Call());
        var assigned = await Ledger.RecordAsync(b, evt.Id, UnitC, "高桥镇交给住建局的意见");
        var (heldEventId, reportId, photoId) = await ReportOfBAsync(b);
        var (questionnaireId, inspectionId) = await EvaluationOfBAsync(b, heldEventId);
        return new DataOfB(evt.Id, invitation.Id, opinion.Id, openEventId, invitation.Code, application.Id, assigned.Id, heldEventId, reportId, photoId,
            questionnaireId, inspectionId);
    }

    private static Task<(string HeldEventId, string ReportId, string PhotoId)>? _reportOfB;

    /// <summary>B's draft report of a held event, with a photo: made once per run (holding an event takes a while), checked unchanged after every scenario.</summary>
    private static Task<(string HeldEventId, string ReportId, string PhotoId)> ReportOfBAsync(Clients b) => LazyInitializer.EnsureInitialized(ref _reportOfB, async () =>
    {
        var heldEventId = await Ledger.HeldEventAsync(b, title: "高桥镇已举办的开放日");
        var report = await b.Assessment.DraftReportAsync(new DraftReportRequest { EventId = heldEventId, Summary = "高桥镇的报告草稿" }, await b.Call());
        var photo = await b.Assessment.AddReportPhotoAsync(new AddReportPhotoRequest { ReportId = report.Id, Content = ByteString.CopyFrom(Ledger.Png) }, await b.Call());
        return (heldEventId, report.Id, photo.Id);
    });

    /// <summary>The campaign year the score scenarios use: its own, so that nobody else's rubric or snapshot is touched.</summary>
    private const int ScoreYear = 2092;

    private static Task? _scoresComputed;

    /// <summary>The county computes the <see cref="ScoreYear"/> scores once per run, so that B has a card to be denied.</summary>
    private static Task ScoresComputedAsync(OpenDayStack stack) => LazyInitializer.EnsureInitialized(ref _scoresComputed, async () =>
    {
        var county = new Clients(stack, "county.admin");
        await county.EnsureCampaignAsync(ScoreYear);
        await county.Assessment.ComputeScoresAsync(new ComputeScoresRequest { Year = ScoreYear }, await county.Call());
    });

    private static Task<(string QuestionnaireId, string InspectionId)>? _evaluationOfB;

    /// <summary>B's open questionnaire on its held event with a paper answer, and the county's inspection of B with problems: made once per run.</summary>
    private static Task<(string QuestionnaireId, string InspectionId)> EvaluationOfBAsync(Clients b, string heldEventId) =>
        LazyInitializer.EnsureInitialized(ref _evaluationOfB, async () =>
        {
            var questionnaire = await Questionnaires.OpenAsync(b, heldEventId, "高桥镇的政策评价");
            await b.Assessment.EnterPaperAnswerAsync(new QuestionnaireAnswerRequest
            {
                QuestionnaireId = questionnaire.Id, Answers = { Questionnaires.Answers(2, [3], 4, "高桥镇的纸质答卷") },
            }, await b.Call());
            var county = new Clients(b.Stack, "county.inspector");
            var inspection = await county.Assessment.RecordInspectionAsync(new RecordInspectionRequest
            {
                UnitCode = UnitB, InspectedOn = "2026-10-20", Kind = InspectionKind.SiteVisit, Findings = "高桥镇检查发现的问题",
                Rating = InspectionRating.ProblemsFound, RectificationRequired = "高桥镇须整改的事项", RectificationWorkingDays = 5,
            }, await county.Call());
            return (questionnaire.Id, inspection.Id);
        });

    /// <summary>B's data as B sees it: anything changed by A's call would show here.</summary>
    private static async Task<string> SnapshotAsync(Clients b, DataOfB data) => string.Join("\n",
        (await b.Units.GetMyUnitAsync(new GetMyUnitRequest(), await b.Call())).ToString(),
        (await b.Events.GetEventAsync(new GetEventRequest { Id = data.EventId }, await b.Call())).ToString(),
        (await b.Registrations.ListInvitationsAsync(new ListInvitationsRequest { EventId = data.OpenEventId }, await b.Call())).ToString(),
        (await b.Registrations.GetRosterAsync(new GetRosterRequest { EventId = data.OpenEventId }, await b.Call())).ToString(),
        (await b.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = data.OpenEventId }, await b.Call())).ToString(),
        (await b.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = data.OpinionId }, await b.Call())).ToString(),
        (await b.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = data.AssignedOpinionId }, await b.Call())).ToString(),
        (await b.Assessment.GetReportAsync(new GetReportRequest { Id = data.ReportId }, await b.Call())).ToString(),
        (await b.Assessment.GetQuestionnaireAsync(new GetQuestionnaireRequest { Id = data.QuestionnaireId }, await b.Call())).ToString(),
        (await b.Assessment.GetQuestionnaireResultsAsync(new GetQuestionnaireRequest { Id = data.QuestionnaireId }, await b.Call())).ToString(),
        (await b.Assessment.GetInspectionAsync(new GetInspectionRequest { Id = data.InspectionId }, await b.Call())).ToString());

    private static void AssertNoneOfB(IMessage response, DataOfB b, bool publicListing = false, bool alsoUnitC = false)
    {
        var text = JsonFormatter.Default.Format(response);
        foreach (var secret in new[] { b.EventId, b.InvitationId, b.OpinionId, b.ApplicationId, b.InvitationCode, MobileOfB, "高桥联络员", "高桥镇的意见",
                     b.AssignedOpinionId, "高桥镇交给住建局的意见", b.ReportId, b.PhotoId, "高桥镇的报告草稿", "高桥镇的纸质答卷", b.InspectionId,
                     "高桥镇检查发现的问题", "高桥镇须整改的事项" })
        {
            Assert.DoesNotContain(secret, text);
        }
        if (!publicListing) Assert.DoesNotContain(b.OpenEventId, text); // a published event is public by design
        if (!publicListing) Assert.DoesNotContain(b.HeldEventId, text); // and so is a held one
        if (!publicListing) Assert.DoesNotContain(UnitB, text);
        if (!publicListing) Assert.DoesNotContain(b.QuestionnaireId, text); // an open questionnaire is public by its id
        if (alsoUnitC) Assert.DoesNotContain(UnitC, text);
    }

    private static async Task Denied(StatusCode expected, Func<Task> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Equal(expected, error.StatusCode);
    }

    private static CreateEventRequest NewEvent(string title) => EventRequests.New(title);
}
