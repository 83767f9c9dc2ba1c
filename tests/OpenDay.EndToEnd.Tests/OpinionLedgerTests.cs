using System.Diagnostics;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using Grpc.Core;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;
using Xunit.Abstractions;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// The opinion ledger across units (§五(四), §六(二)): recorded by the unit that held the event, answered by the unit
/// responsible for it, read by both (and their supervisors and the county), by nobody else, and by the public once
/// answered.
/// </summary>
[Collection(StackCollection.Name)]
public class OpinionLedgerTests(OpenDayStack stack, ITestOutputHelper output)
{
    private readonly Clients _gaoqiao = new(stack, "gaoqiao.admin");
    private readonly Clients _housing = new(stack, "housing.admin");
    private readonly Clients _water = new(stack, "watersupply.admin");
    private readonly Clients _yicheng = new(stack, "yicheng.admin");
    private readonly Clients _county = new(stack, "county.admin");

    [Fact]
    public async Task An_opinion_of_gaoqiaos_forum_assigned_to_the_housing_bureau_is_answered_there_and_public_only_once_answered()
    {
        var eventId = await _gaoqiao.CreateEventAsync("高桥镇座谈会");
        var opinion = await Ledger.RecordAsync(_gaoqiao, eventId, "housing-bureau", "建议对镇区老旧小区加装电梯", raisedBy: "");
        Assert.Equal(("gaoqiao-town", "housing-bureau", OpinionStatus.Received), (opinion.RecordingUnitCode, opinion.ResponsibleUnitCode, opinion.Status));
        Assert.Equal("群众代表", opinion.RaisedByDisplay); // asked not to be named: the category alone

        // The bureau finds it among what it must answer.
        var assigned = await _housing.Assessment.ListOpinionsAsync(new ListOpinionsRequest { Scope = OpinionScope.Assigned, PageSize = 500 }, await _housing.Call());
        Assert.Contains(assigned.Opinions, o => o.Id == opinion.Id);
        // The water company (supervised by the bureau) does not see it; 沂城街道 gets NotFound.
        await AssertNotFoundAsync(_water, opinion.Id);
        Assert.DoesNotContain((await _water.Assessment.ListOpinionsAsync(new ListOpinionsRequest { PageSize = 500 }, await _water.Call())).Opinions, o => o.Id == opinion.Id);
        await AssertNotFoundAsync(_yicheng, opinion.Id);
        // The public does not see it yet.
        Assert.DoesNotContain(opinion.Id, (await PublicOpinionsOfAsync("housing-bureau")).ToString());

        // Only the responsible unit moves it: the recording unit reads.
        var denied = await Assert.ThrowsAsync<RpcException>(() => Ledger.MoveAsync(_gaoqiao, opinion.Id, OpinionStatus.InProgress));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        await Ledger.MoveAsync(_housing, opinion.Id, OpinionStatus.InProgress);
        await Ledger.MoveAsync(_housing, opinion.Id, OpinionStatus.PartlyAdopted, explanation: "资金分年度安排，先行试点两个小区");
        var answered = await Ledger.MoveAsync(_housing, opinion.Id, OpinionStatus.Answered, answer: "已将两个小区列入2027年加装电梯计划");
        Assert.Equal((OpinionStatus.Answered, OpinionStatus.PartlyAdopted), (answered.Status, answered.Outcome));

        // 高桥镇 sees the answer, and every move: who, when, from, to, text.
        var seen = await _gaoqiao.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = opinion.Id }, await _gaoqiao.Call());
        Assert.Equal("已将两个小区列入2027年加装电梯计划", seen.Answer);
        Assert.Equal(
            [(OpinionStatus.Unspecified, OpinionStatus.Received, "gaoqiao.admin"), (OpinionStatus.Received, OpinionStatus.InProgress, "housing.admin"),
             (OpinionStatus.InProgress, OpinionStatus.PartlyAdopted, "housing.admin"), (OpinionStatus.PartlyAdopted, OpinionStatus.Answered, "housing.admin")],
            seen.History.Select(m => (m.From, m.To, m.MovedBy)));
        Assert.Equal("资金分年度安排，先行试点两个小区", seen.History[2].Text);
        Assert.All(seen.History, m => Assert.NotNull(m.MovedAt));
        // The county reads it too; the water company and 沂城街道 still do not.
        Assert.Equal(OpinionStatus.Answered, (await _county.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = opinion.Id }, await _county.Call())).Status);
        await AssertNotFoundAsync(_water, opinion.Id);
        await AssertNotFoundAsync(_yicheng, opinion.Id);

        // Now the public reads the answer (the cache was invalidated by the answer), with the category and no other personal data.
        var published = await PublicOpinionsOfAsync("housing-bureau");
        var item = published.GetProperty("opinions").EnumerateArray().Single(o => o.GetProperty("id").GetString() == opinion.Id);
        Assert.Equal("已将两个小区列入2027年加装电梯计划", item.GetProperty("answer").GetString());
        Assert.Equal("群众代表", item.GetProperty("raisedByDisplay").GetString());
        Assert.Equal("沂水县住房和城乡建设局", item.GetProperty("responsibleUnitName").GetString());

        // Answered is final: an illegal move names the current status.
        var illegal = await Assert.ThrowsAsync<RpcException>(() => Ledger.MoveAsync(_housing, opinion.Id, OpinionStatus.InProgress));
        Assert.Equal(StatusCode.FailedPrecondition, illegal.StatusCode);
        Assert.Contains("answered", illegal.Status.Detail);
    }

    [Fact]
    public async Task The_water_company_sees_an_opinion_assigned_to_it_its_supervisor_reads_it_and_a_hand_back_is_reassigned()
    {
        var eventId = await _gaoqiao.CreateEventAsync("高桥镇座谈会");
        var opinion = await Ledger.RecordAsync(_gaoqiao, eventId, "water-supply-co", "镇区东片水压不足");

        Assert.Equal("water-supply-co", (await _water.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = opinion.Id }, await _water.Call())).ResponsibleUnitCode);
        // The bureau supervises the water company: it reads what the company must answer, but does not move it.
        Assert.Equal(opinion.Id, (await _housing.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = opinion.Id }, await _housing.Call())).Id);
        var supervisor = await Assert.ThrowsAsync<RpcException>(() => Ledger.MoveAsync(_housing, opinion.Id, OpinionStatus.InProgress));
        Assert.Equal(StatusCode.PermissionDenied, supervisor.StatusCode);

        // Not its remit: handed back with a reason; it cannot be moved on until reassigned.
        var noReason = await Assert.ThrowsAsync<RpcException>(async () =>
            await _water.Assessment.HandBackOpinionAsync(new HandBackOpinionRequest { Id = opinion.Id }, await _water.Call()));
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        var handedBack = await _water.Assessment.HandBackOpinionAsync(new HandBackOpinionRequest { Id = opinion.Id, Reason = "管网改造属住建局职责" }, await _water.Call());
        Assert.Equal(OpinionStatus.HandedBack, handedBack.Status);
        var stuck = await Assert.ThrowsAsync<RpcException>(() => Ledger.MoveAsync(_water, opinion.Id, OpinionStatus.InProgress));
        Assert.Equal(StatusCode.FailedPrecondition, stuck.StatusCode);
        Assert.Contains("handed back", stuck.Status.Detail);
        // Only the recording unit or the county reassigns: not the unit that handed it back.
        var notYours = await Assert.ThrowsAsync<RpcException>(async () => await _water.Assessment.ReassignOpinionAsync(
            new ReassignOpinionRequest { Id = opinion.Id, ResponsibleUnitCode = "housing-bureau" }, await _water.Call()));
        Assert.Equal(StatusCode.PermissionDenied, notYours.StatusCode);

        var reassigned = await _gaoqiao.Assessment.ReassignOpinionAsync(
            new ReassignOpinionRequest { Id = opinion.Id, ResponsibleUnitCode = "housing-bureau", Note = "改由住建局办理" }, await _gaoqiao.Call());
        Assert.Equal(("housing-bureau", OpinionStatus.Received), (reassigned.ResponsibleUnitCode, reassigned.Status));
        await AssertNotFoundAsync(_water, opinion.Id); // no longer the water company's
        var history = (await _housing.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = opinion.Id }, await _housing.Call())).History;
        Assert.Contains(history, m => m.To == OpinionStatus.HandedBack && m.Text == "管网改造属住建局职责" && m.MovedByUnitCode == "water-supply-co");
        Assert.Contains(history, m => m.From == OpinionStatus.HandedBack && m.To == OpinionStatus.Received && m.ResponsibleUnitCode == "housing-bureau");

        // The county admin reassigns a handed-back opinion too.
        await _housing.Assessment.HandBackOpinionAsync(new HandBackOpinionRequest { Id = opinion.Id, Reason = "属镇级事权" }, await _housing.Call());
        var byCounty = await _county.Assessment.ReassignOpinionAsync(
            new ReassignOpinionRequest { Id = opinion.Id, ResponsibleUnitCode = "gaoqiao-town", Note = "由高桥镇自行办理" }, await _county.Call());
        Assert.Equal("gaoqiao-town", byCounty.ResponsibleUnitCode);
        Assert.Equal("county.admin", byCounty.History[^1].MovedBy);
        await AssertNotFoundAsync(_housing, opinion.Id);
    }

    [Fact]
    public async Task An_unknown_or_retired_responsible_unit_is_refused_naming_the_field_and_nothing_is_written()
    {
        var eventId = await _gaoqiao.CreateEventAsync("高桥镇座谈会");
        var retired = $"retired-{Guid.NewGuid():N}"[..20];
        await _county.Units.CreateUnitAsync(new CreateUnitRequest { Code = retired, Name = "已撤并单位", Kind = UnitKind.PublicInstitution }, await _county.Call());
        await _county.Units.RetireUnitAsync(new RetireUnitRequest { Code = retired }, await _county.Call());
        var before = await CountOpinionsOfEventAsync(eventId);

        foreach (var code in new[] { "no-such-unit", retired })
        {
            var (status, body, _) = await Ledger.RestAsync(stack, HttpMethod.Post, "/api/v1/assessment/opinions", "gaoqiao.admin", new
            {
                eventId, raisedBy = "王女士", text = "建议", topic = "主题", responsibleUnitCode = code, dueDate = "2026-12-31",
            });
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("responsible_unit_code", People.ViolatedField(body));
        }
        Assert.Equal(before, await CountOpinionsOfEventAsync(eventId));
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_the_field_and_nothing_is_written()
    {
        var eventId = await _gaoqiao.CreateEventAsync("高桥镇座谈会"); // starts 2026-10-20
        var before = await CountOpinionsOfEventAsync(eventId);
        async Task AssertRefused(string field, object body)
        {
            var (status, error, _) = await Ledger.RestAsync(stack, HttpMethod.Post, "/api/v1/assessment/opinions", "gaoqiao.admin", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(field, People.ViolatedField(error));
        }
        await AssertRefused("text", new { eventId, text = "  ", topic = "主题", dueDate = "2026-12-31" });
        await AssertRefused("due_date", new { eventId, text = "建议", topic = "主题", dueDate = "2026-10-19" }); // before the event
        await AssertRefused("raised_on", new { eventId, text = "建议", topic = "主题", raisedOn = "2026-10-01" });
        Assert.Equal(before, await CountOpinionsOfEventAsync(eventId));

        // Moves: an answer without text, a refusal without its explanation; the opinion stays as it was.
        var opinion = await Ledger.RecordAsync(_gaoqiao, eventId);
        await Ledger.MoveAsync(_gaoqiao, opinion.Id, OpinionStatus.InProgress);
        async Task AssertMoveRefused(string field, object body)
        {
            var (status, error, _) = await Ledger.RestAsync(stack, HttpMethod.Post, $"/api/v1/assessment/opinions/{opinion.Id}/status", "gaoqiao.admin", body);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal(field, People.ViolatedField(error));
        }
        await AssertMoveRefused("explanation", new { status = "OPINION_STATUS_NOT_ADOPTED" });
        await Ledger.MoveAsync(_gaoqiao, opinion.Id, OpinionStatus.Adopted);
        await AssertMoveRefused("answer", new { status = "OPINION_STATUS_ANSWERED", answer = " " });
        var after = await _gaoqiao.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = opinion.Id }, await _gaoqiao.Call());
        Assert.Equal((OpinionStatus.Adopted, 3), (after.Status, after.History.Count));
    }

    [Fact]
    public async Task The_due_date_is_15_working_days_after_raising_by_the_official_2026_calendar()
    {
        var created = await _gaoqiao.Events.CreateEventAsync(EventRequests.New("国庆前座谈会", new DateTime(2026, 9, 30, 1, 0, 0, DateTimeKind.Utc)), await _gaoqiao.Call());
        var opinion = await _gaoqiao.Assessment.RecordOpinionAsync(new RecordOpinionRequest
        {
            EventId = created.Id, Text = "国庆期间景区交通疏导", Topic = "交通", RaisedOn = "2026-09-30",
        }, await _gaoqiao.Call());
        // 10-01…10-07 off; 10-08, 10-09, Saturday 10-10 (调休), 10-12…10-16, 10-19…10-23, 10-26, 10-27. A weekday count says 10-21.
        Assert.Equal("2026-10-27", opinion.DueDate);
        Assert.Equal("2026-09-30", opinion.RaisedOn);
        var campaign = await _county.Events.GetCampaignAsync(new GetCampaignRequest { Year = 2026 }, await _county.Call());
        Assert.Equal(15, campaign.Settings.OpinionDueWorkingDays);
    }

    [Fact]
    public async Task The_county_sees_every_overdue_opinion_in_working_days_and_a_summary_per_unit()
    {
        var eventId = await _gaoqiao.CreateEventAsync("高桥镇座谈会");
        var summaryBefore = await SummaryOfAsync(_county, "housing-bureau");
        var overdue = await Ledger.RecordAsync(_gaoqiao, eventId, "housing-bureau", "路灯维修", dueDate: "2026-10-21");
        var answeredLate = await Ledger.RecordAsync(_gaoqiao, eventId, "housing-bureau", "排水改造", dueDate: "2026-10-21");
        await Ledger.AnswerAsync(_housing, answeredLate.Id);
        var notDue = await Ledger.RecordAsync(_gaoqiao, eventId, "housing-bureau", "绿化提升", dueDate: "2026-12-31");
        await Ledger.AnswerAsync(_housing, notDue.Id);

        var view = await _county.Assessment.ListOverdueOpinionsAsync(new ListOverdueOpinionsRequest { UnitCode = "housing-bureau", PageSize = 1000 }, await _county.Call());
        var item = Assert.Single(view.Opinions, o => o.Id == overdue.Id);
        var expected = (await _county.Events.CountWorkingDaysAsync(new CountWorkingDaysRequest { FromDates = { "2026-10-21" }, ToDate = view.AsOf }, await _county.Call())).WorkingDays.Single();
        Assert.Equal(("housing-bureau", "gaoqiao-town", OpinionStatus.Received, expected), (item.ResponsibleUnitCode, item.RecordingUnitCode, item.Status, item.WorkingDaysOverdue));
        Assert.True(item.WorkingDaysOverdue > 0);
        Assert.DoesNotContain(view.Opinions, o => o.Id == answeredLate.Id || o.Id == notDue.Id);

        var summaryAfter = await SummaryOfAsync(_county, "housing-bureau");
        Assert.Equal(summaryBefore.Received + 3, summaryAfter.Received);
        Assert.Equal(summaryBefore.Answered + 2, summaryAfter.Answered);
        Assert.Equal(summaryBefore.AnsweredOnTime + 1, summaryAfter.AnsweredOnTime); // the late answer is not on time
        Assert.Equal(summaryBefore.Overdue + 1, summaryAfter.Overdue);

        // A unit reads its own summary row only, and not the county's overdue view.
        var own = await _housing.Assessment.GetOpinionSummaryAsync(new GetOpinionSummaryRequest(), await _housing.Call());
        Assert.Equal(["housing-bureau"], own.Units.Select(u => u.UnitCode));
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await _housing.Assessment.ListOverdueOpinionsAsync(new ListOverdueOpinionsRequest(), await _housing.Call()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task The_ledger_exports_as_csv_and_xlsx_a_units_own_or_the_countys_all()
    {
        var eventId = await _gaoqiao.CreateEventAsync("高桥镇座谈会");
        var mine = await Ledger.RecordAsync(_gaoqiao, eventId, "housing-bureau", "导出测试：高桥镇的意见");
        var yichengEvent = await _yicheng.CreateEventAsync("沂城街道座谈会");
        await Ledger.RecordAsync(_yicheng, yichengEvent, text: "导出测试：沂城街道的意见");

        var (status, _, response) = await Ledger.RestAsync(stack, HttpMethod.Get, "/api/v1/assessment/opinions/export?format=EXPORT_FORMAT_CSV", "gaoqiao.admin");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString());
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("意见建议", csv);
        Assert.Contains("导出测试：高桥镇的意见", csv);
        Assert.Contains(mine.Id, csv);
        Assert.DoesNotContain("导出测试：沂城街道的意见", csv); // another unit's ledger

        var (xlsxStatus, _, xlsxResponse) = await Ledger.RestAsync(stack, HttpMethod.Get, "/api/v1/assessment/opinions/export?format=EXPORT_FORMAT_XLSX", "county.inspector");
        Assert.Equal(HttpStatusCode.OK, xlsxStatus);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await xlsxResponse.Content.ReadAsByteArrayAsync()), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Cell>()
            .Select(c => c.InnerText).ToList();
        Assert.Contains("责任单位", cells);
        Assert.Contains("导出测试：高桥镇的意见", cells);
        Assert.Contains("导出测试：沂城街道的意见", cells); // the county's view: all units
    }

    /// <summary>The load figure of the issue (printed, not asserted): 1,000 opinions recorded, then the county's overdue view.</summary>
    [Fact]
    public async Task Load_recording_1000_opinions_and_listing_the_countys_overdue_view()
    {
        const int count = 1000;
        var eventId = await _gaoqiao.CreateEventAsync("负载测试座谈会");
        var recording = new List<double>();
        var started = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var watch = Stopwatch.StartNew();
                await _gaoqiao.Assessment.RecordOpinionAsync(new RecordOpinionRequest
                {
                    EventId = eventId, RaisedBy = $"代表{i}", Text = $"负载测试意见 {i}", Topic = "负载", RaisedOn = "2026-10-20",
                    ResponsibleUnitCode = i % 2 == 0 ? "housing-bureau" : "", DueDate = "2026-10-2" + (i % 10).ToString(CultureInfo.InvariantCulture),
                }, await _gaoqiao.Call());
                lock (recording) recording.Add(watch.Elapsed.TotalMilliseconds);
            }
            finally
            {
                gate.Release();
            }
        }));
        var recordTotal = started.Elapsed;
        Assert.Equal(count, await CountOpinionsOfEventAsync(eventId));

        var listing = new List<double>();
        ListOverdueOpinionsResponse view = null!;
        for (var i = 0; i < 50; i++)
        {
            var watch = Stopwatch.StartNew();
            view = await _county.Assessment.ListOverdueOpinionsAsync(new ListOverdueOpinionsRequest { PageSize = 100 }, await _county.Call());
            listing.Add(watch.Elapsed.TotalMilliseconds);
        }
        Assert.True(view.TotalSize >= count);
        output.WriteLine($"LOAD: recorded {count} opinions in {recordTotal.TotalSeconds:F1} s (4 at a time): RecordOpinion p50 {P(recording, 50):F1} ms, p99 {P(recording, 99):F1} ms");
        output.WriteLine($"LOAD: county overdue view ({view.TotalSize} overdue, page of 100) x50: p50 {P(listing, 50):F1} ms, p99 {P(listing, 99):F1} ms");
        Console.WriteLine($"LOAD: RecordOpinion p99 {P(recording, 99):F1} ms; ListOverdueOpinions p99 {P(listing, 99):F1} ms (total overdue {view.TotalSize})");
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    private async Task<int> CountOpinionsOfEventAsync(string eventId) =>
        (await _gaoqiao.Assessment.ListOpinionsAsync(new ListOpinionsRequest { EventId = eventId, PageSize = 1 }, await _gaoqiao.Call())).TotalSize;

    private static async Task<UnitOpinionSummary> SummaryOfAsync(Clients county, string unit) =>
        (await county.Assessment.GetOpinionSummaryAsync(new GetOpinionSummaryRequest(), await county.Call())).Units.SingleOrDefault(u => u.UnitCode == unit)
        ?? new UnitOpinionSummary { UnitCode = unit };

    private async Task<System.Text.Json.JsonElement> PublicOpinionsOfAsync(string unit)
    {
        var (status, body, _) = await Ledger.RestAsync(stack, HttpMethod.Get, $"/api/v1/public/assessment/units/{unit}/opinions?pageSize=100", null);
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static async Task AssertNotFoundAsync(Clients unit, string opinionId)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await unit.Assessment.GetOpinionAsync(new GetOpinionRequest { Id = opinionId }, await unit.Call()));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }
}
