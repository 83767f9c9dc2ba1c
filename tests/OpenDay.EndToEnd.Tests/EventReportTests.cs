using Google.Protobuf;
using Grpc.Core;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Event reports (活动开展情况, §六(三)): drafted after the event is held, due 5 working days after it ends, published on
/// the public column; publishing makes the event "reported" in the events service, even when that service is down at
/// the moment of publishing.
/// </summary>
[Collection(StackCollection.Name)]
public class EventReportTests(OpenDayStack stack)
{
    private readonly Clients _gaoqiao = new(stack, "gaoqiao.admin");
    private readonly Clients _housing = new(stack, "housing.admin");
    private readonly Clients _yicheng = new(stack, "yicheng.admin");

    [Fact]
    public async Task A_report_is_drafted_once_the_event_is_held_with_attendance_from_registrations_its_opinions_and_photos()
    {
        var draftEvent = await _gaoqiao.CreateEventAsync("尚未举办的活动");
        var early = await Assert.ThrowsAsync<RpcException>(async () => await _gaoqiao.Assessment.DraftReportAsync(
            new DraftReportRequest { EventId = draftEvent, Summary = "概况" }, await _gaoqiao.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("draft", early.Status.Detail);

        var eventId = await Ledger.HeldEventAsync(_gaoqiao);
        var opinion = await Ledger.RecordAsync(_gaoqiao, eventId, "housing-bureau", "建议完善镇区停车设施");
        var report = await _gaoqiao.Assessment.DraftReportAsync(new DraftReportRequest { EventId = eventId, Summary = "邀请代表座谈，现场收集意见" }, await _gaoqiao.Call());
        Assert.Equal(ReportStatus.Draft, report.Status);
        var attendance = await _gaoqiao.Registrations.GetAttendanceAsync(new GetRosterRequest { EventId = eventId }, await _gaoqiao.Call());
        Assert.Equal(attendance.Attended, report.Attended);
        Assert.Equal(attendance.Categories.Select(c => (c.Category, c.Confirmed, c.Attended)), report.Attendance.Select(a => (a.Category, a.Confirmed, a.Attended)));
        var raised = Assert.Single(report.Opinions);
        Assert.Equal((opinion.Id, OpinionStatus.Received, "housing-bureau"), (raised.OpinionId, raised.Status, raised.ResponsibleUnitCode));
        // One report per event.
        var second = await Assert.ThrowsAsync<RpcException>(async () => await _gaoqiao.Assessment.DraftReportAsync(
            new DraftReportRequest { EventId = eventId, Summary = "again" }, await _gaoqiao.Call()));
        Assert.Equal(StatusCode.AlreadyExists, second.StatusCode);

        // Photos: images only, up to 2 MiB, served with their content type; a PDF or a too large file is a 400 naming the field.
        var photo = await _gaoqiao.Assessment.AddReportPhotoAsync(new AddReportPhotoRequest
        {
            ReportId = report.Id, Content = ByteString.CopyFrom(Ledger.Png), Caption = "座谈现场",
        }, await _gaoqiao.Call());
        Assert.Equal("image/png", photo.ContentType);
        var pdf = "%PDF-1.7\n%âãÏÓ\n"u8.ToArray();
        var tooLarge = new byte[2 * 1024 * 1024 + 1];
        Ledger.Png.CopyTo(tooLarge, 0);
        foreach (var content in new[] { pdf, tooLarge })
        {
            var (status, body, _) = await Ledger.RestAsync(stack, HttpMethod.Post, $"/api/v1/assessment/reports/{report.Id}/photos", "gaoqiao.admin",
                new { content = Convert.ToBase64String(content), caption = "x" });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("content", People.ViolatedField(body));
        }
        var (photoStatus, _, photoResponse) = await Ledger.RestAsync(stack, HttpMethod.Get, $"/api/v1/assessment/reports/{report.Id}/photos/{photo.Id}", "gaoqiao.admin");
        Assert.Equal(HttpStatusCode.OK, photoStatus);
        Assert.Equal("image/png", photoResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Ledger.Png, await photoResponse.Content.ReadAsByteArrayAsync());
        var stored = await _gaoqiao.Assessment.GetReportAsync(new GetReportRequest { Id = report.Id }, await _gaoqiao.Call());
        Assert.Equal([photo.Id], stored.Photos.Select(p => p.Id)); // nothing written by the refused ones

        // Another unit sees nothing of it; bad summary is a 400 naming the field.
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await _yicheng.Assessment.GetReportAsync(new GetReportRequest { Id = report.Id }, await _yicheng.Call()));
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
        var (emptyStatus, emptyBody, _) = await Ledger.RestAsync(stack, HttpMethod.Put, $"/api/v1/assessment/reports/{report.Id}", "gaoqiao.admin", new { summary = " " });
        Assert.Equal((HttpStatusCode.BadRequest, "summary"), (emptyStatus, People.ViolatedField(emptyBody)));
    }

    [Fact]
    public async Task An_event_ending_Friday_2026_10_09_has_its_report_due_2026_10_15_and_a_later_publication_is_flagged_late_in_working_days()
    {
        var eventId = await Ledger.HeldEventAsync(_gaoqiao, new DateTime(2026, 10, 9, 1, 0, 0, DateTimeKind.Utc), "国庆后开放日");
        var report = await _gaoqiao.Assessment.DraftReportAsync(new DraftReportRequest { EventId = eventId, Summary = "活动概况" }, await _gaoqiao.Call());
        Assert.Equal(("2026-10-09", "2026-10-15"), (report.EventEndsOn, report.DueOn)); // Saturday 10-10 is worked: not 10-16

        var published = await _gaoqiao.Assessment.PublishReportAsync(new PublishReportRequest { Id = report.Id }, await _gaoqiao.Call());
        Assert.Equal(ReportStatus.Published, published.Status);
        Assert.Equal(Ledger.Today, published.PublishedOn);
        // Today is after 10-15 (the tests run after the 2026 campaign): accepted, flagged late by the calendar's working days.
        var county = new Clients(stack, "county.admin");
        var expected = (await county.Events.CountWorkingDaysAsync(new CountWorkingDaysRequest { FromDates = { "2026-10-15" }, ToDate = published.PublishedOn }, await county.Call())).WorkingDays.Single();
        Assert.True(published.Late);
        Assert.True(expected > 0);
        var settled = await Eventually.ReturnsAsync(
            async () => await _gaoqiao.Assessment.GetReportAsync(new GetReportRequest { Id = report.Id }, await _gaoqiao.Call()),
            r => r.HasWorkingDaysLate && r.EventMarkedReported);
        Assert.Equal(expected, settled.WorkingDaysLate);
        Assert.Equal(EventStatus.Reported, (await _gaoqiao.Events.GetEventAsync(new GetEventRequest { Id = eventId }, await _gaoqiao.Call())).Status);

        var again = await Assert.ThrowsAsync<RpcException>(async () =>
            await _gaoqiao.Assessment.PublishReportAsync(new PublishReportRequest { Id = report.Id }, await _gaoqiao.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
    }

    [Fact]
    public async Task A_report_published_while_the_events_service_is_stopped_makes_the_event_reported_once_it_is_back()
    {
        var eventId = await Ledger.HeldEventAsync(_housing, title: "住建局开放日");
        var report = await _housing.Assessment.DraftReportAsync(new DraftReportRequest { EventId = eventId, Summary = "现场观摩与座谈" }, await _housing.Call());

        await stack.App.ResourceCommands.ExecuteCommandAsync("events", KnownResourceCommands.StopCommand);
        Report published;
        try
        {
            published = await _housing.Assessment.PublishReportAsync(new PublishReportRequest { Id = report.Id }, await _housing.Call());
            Assert.Equal(ReportStatus.Published, published.Status); // assessment answers: the change waits in its outbox
            Assert.False(published.EventMarkedReported);
        }
        finally
        {
            await stack.App.ResourceCommands.ExecuteCommandAsync("events", KnownResourceCommands.StartCommand);
            await stack.WaitAllHealthyAsync(TimeSpan.FromMinutes(2));
        }

        var evt = await Eventually.ReturnsAsync(
            async () => await _housing.Events.GetEventAsync(new GetEventRequest { Id = eventId }, await _housing.Call()),
            e => e.Status == EventStatus.Reported, TimeSpan.FromSeconds(60));
        Assert.Equal(EventStatus.Reported, evt.Status);
        var settled = await Eventually.ReturnsAsync(
            async () => await _housing.Assessment.GetReportAsync(new GetReportRequest { Id = report.Id }, await _housing.Call()),
            r => r.EventMarkedReported && r.HasWorkingDaysLate);
        Assert.True(settled.EventMarkedReported);
        Assert.True(settled.HasWorkingDaysLate); // learnt from the calendar once events answered
    }

    [Fact]
    public async Task The_public_column_shows_published_reports_newest_first_with_answered_opinions_and_corrections_and_nothing_else()
    {
        var eventId = await Ledger.HeldEventAsync(_gaoqiao, title: "公开栏测试开放日");
        var answered = await Ledger.RecordAsync(_gaoqiao, eventId, "housing-bureau", "公开栏：已答复的意见", raisedBy: "赵先生");
        await Ledger.AnswerAsync(_housing, answered.Id, "公开栏：住建局的答复");
        var open = await Ledger.RecordAsync(_gaoqiao, eventId, text: "公开栏：尚未答复的意见");
        var report = await _gaoqiao.Assessment.DraftReportAsync(new DraftReportRequest { EventId = eventId, Summary = "公开栏：活动概况" }, await _gaoqiao.Call());
        await _gaoqiao.Assessment.AddReportPhotoAsync(new AddReportPhotoRequest { ReportId = report.Id, Content = ByteString.CopyFrom(Ledger.Png) }, await _gaoqiao.Call());

        // A draft is not public.
        Assert.DoesNotContain(report.Id, (await PublicAsync("/api/v1/public/assessment/reports?unitCode=gaoqiao-town&pageSize=100")).ToString());
        var (draftStatus, _, _) = await Ledger.RestAsync(stack, HttpMethod.Get, $"/api/v1/public/assessment/reports/{report.Id}", null);
        Assert.Equal(HttpStatusCode.NotFound, draftStatus);

        await _gaoqiao.Assessment.PublishReportAsync(new PublishReportRequest { Id = report.Id }, await _gaoqiao.Call());
        var list = await PublicAsync("/api/v1/public/assessment/reports?unitCode=gaoqiao-town&year=2026&pageSize=100");
        var reports = list.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(report.Id, reports[0].GetProperty("id").GetString()); // newest first
        Assert.All(reports, r => Assert.Equal("gaoqiao-town", r.GetProperty("unitCode").GetString()));
        Assert.Equal("高桥镇人民政府", reports[0].GetProperty("unitName").GetString());
        Assert.DoesNotContain(report.Id, (await PublicAsync("/api/v1/public/assessment/reports?unitCode=gaoqiao-town&year=2025")).ToString());

        var one = await PublicAsync($"/api/v1/public/assessment/reports/{report.Id}");
        var text = one.ToString();
        Assert.Contains("公开栏：住建局的答复", text);
        Assert.Contains("赵先生（群众代表）", text);
        Assert.DoesNotContain("公开栏：尚未答复的意见", text); // not answered: not public
        Assert.DoesNotContain(open.Id, text);
        var photoId = one.GetProperty("photoIds")[0].GetString();
        var (photoStatus, _, photo) = await Ledger.RestAsync(stack, HttpMethod.Get, $"/api/v1/public/assessment/reports/{report.Id}/photos/{photoId}", null);
        Assert.Equal((HttpStatusCode.OK, "image/png"), (photoStatus, photo.Content.Headers.ContentType?.MediaType));

        // A correction after publication needs a note, and shows on the column at once (the cache was invalidated).
        // Right after publishing: the outbox marks the report row delivered meanwhile, and the correction is not
        // refused for it.
        var (noNote, noNoteBody, _) = await Ledger.RestAsync(stack, HttpMethod.Put, $"/api/v1/assessment/reports/{report.Id}", "gaoqiao.admin",
            new { summary = "公开栏：活动概况（更正）" });
        Assert.Equal((HttpStatusCode.BadRequest, "correction_note"), (noNote, People.ViolatedField(noNoteBody)));
        await _gaoqiao.Assessment.UpdateReportAsync(new UpdateReportRequest { Id = report.Id, Summary = "公开栏：活动概况（更正）", CorrectionNote = "更正参加人数" },
            await _gaoqiao.Call());
        var corrected = (await PublicAsync($"/api/v1/public/assessment/reports/{report.Id}")).ToString();
        Assert.Contains("公开栏：活动概况（更正）", corrected);
        Assert.Contains("更正参加人数", corrected);
    }

    private async Task<System.Text.Json.JsonElement> PublicAsync(string path)
    {
        var (status, body, _) = await Ledger.RestAsync(stack, HttpMethod.Get, path, null);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }
}
