using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>
/// The unit console's remaining pages in a real browser, signed in on the identity provider's login page: an event's
/// invitations, attendance with the roster's cancel, notifications; the opinion ledger, reports, questionnaires and
/// inspections. What a page claims is checked against the services too.
/// </summary>
[Collection(StackCollection.Name)]
public class UnitConsoleTests(OpenDayStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A campaign year no other test uses: the invitation and roster event belongs to these tests alone.</summary>
    private const int Year = 2050;

    private Clients Unit => new(stack, "gaoqiao.admin");

    private async Task EnsureCampaignAsync()
    {
        var county = new Clients(stack, "county.admin");
        await county.EnsureCampaignAsync(Year);
    }

    [Fact]
    public async Task The_dashboard_shows_an_opinion_to_answer_with_its_working_days_left()
    {
        var unit = Unit;
        var eventId = await Ledger.HeldEventAsync(unit, title: "看板开放日");
        var topic = $"看板意见{Guid.NewGuid().ToString("N")[..6]}";
        // Due in three days (sooner than the unit's other open opinions), or at the year's end if that comes first: a
        // year whose working-day calendar is entered.
        var today = DateOnly.ParseExact(Ledger.Today, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var dueOn = today.AddDays(3).Year == today.Year ? today.AddDays(3) : new DateOnly(today.Year, 12, 31);
        var due = dueOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await unit.Assessment.RecordOpinionAsync(new RecordOpinionRequest
        {
            EventId = eventId, RaisedBy = "李女士", Text = "建议延长服务时间", Topic = topic, DueDate = due, RaisedOn = "2026-10-20",
        }, await unit.Call());
        var left = (await unit.Events.CountWorkingDaysAsync(new CountWorkingDaysRequest { FromDates = { Ledger.Today }, ToDate = due }, await unit.Call()))
            .WorkingDays.Single();
        var expected = left > 0 ? $"还有 {left} 个工作日" : "今天到期";

        await InBrowserAsync("console-dashboard-opinions", async page =>
        {
            await ConsoleTests.SignInAsync(page, "/console", "gaoqiao.admin");
            await Assertions.Expect(page.GetByTestId("opinions-due")).ToContainTextAsync($"「{topic}」应于 {due} 前答复（{expected}）");
            await PortalPages.ScreenshotAsync(page, "console-dashboard");
        });
    }

    /// <summary>Runs a browser flow; when a step fails, what the page showed is kept as a screenshot.</summary>
    private async Task InBrowserAsync(string name, Func<IPage, Task> flow)
    {
        var page = await browser.NewConsolePageAsync(stack);
        try
        {
            await flow(page);
        }
        catch
        {
            await PortalPages.ScreenshotAsync(page, $"{name}-failure");
            throw;
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_admin_invites_a_deputy_and_cancels_a_participant_behind_a_confirmation_and_the_attendance_changes()
    {
        await EnsureCampaignAsync();
        var unit = Unit;
        // A published 2050 event with public sign-up, and two approved applicants: a resident and a reporter.
        var request = EventRequests.New($"邀请与名单{Guid.NewGuid().ToString("N")[..6]}", new DateTime(Year, 9, 20, 1, 0, 0, DateTimeKind.Utc), 20,
            EventForm.VisitOffices);
        request.PublicSignup = true;
        var eventId = (await unit.Events.CreateEventAsync(request, await unit.Call())).Id;
        await unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = eventId, Status = EventStatus.Published }, await unit.Call());
        await OpenEvents.WaitForRosterAsync(unit, eventId, r => r.EventStatus == EventStatus.Published);
        var resident = await unit.SignedUpApplicationAsync(eventId, "PARTICIPANT_CATEGORY_PUBLIC_REPRESENTATIVE");
        var reporter = await unit.SignedUpApplicationAsync(eventId, "PARTICIPANT_CATEGORY_MEDIA_REPORTER");
        foreach (var applicant in new[] { resident, reporter })
        {
            await unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applicant.Id, Decision = ReviewDecision.Approve }, await unit.Call());
        }
        var deputy = People.Next("代表");

        await InBrowserAsync("console-invitations", async page =>
        {
            // Invite a deputy: the code is handed over once, the list shows the invitation with its status, the mobile masked.
            await ConsoleTests.SignInAsync(page, $"/console/events/{eventId}/invitations", "gaoqiao.admin");
            await page.Locator("#invitee-name").FillAsync(deputy.Name);
            await page.Locator("#invitee-mobile").FillAsync("1234");
            await page.Locator("[data-testid=invite]").ClickAsync();
            await Assertions.Expect(page.Locator(".field-error[data-field=mobile]")).ToContainTextAsync("11 位");
            await page.Locator("#invitee-mobile").FillAsync(deputy.Mobile);
            await page.Locator("#invitee-category").SelectOptionAsync(nameof(ParticipantCategory.NpcDeputy));
            await page.Locator("[data-testid=invite]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=invitation-handover]")).ToContainTextAsync(deputy.Name);
            var code = (await page.Locator("[data-testid=invitation-code]").TextContentAsync())!.Trim();
            Assert.Matches("^[0-9a-zA-Z_-]{32}$", code);
            await Assertions.Expect(page.Locator("[data-testid=invitation-link]")).ToHaveAttributeAsync("href", new Regex($"/invitations/{code}$"));
            var status = page.Locator($"[data-testid=invitation-status][data-name='{deputy.Name}']");
            await Assertions.Expect(status).ToHaveTextAsync("待答复");
            await Assertions.Expect(page.Locator("[data-testid=invitations]")).ToContainTextAsync("人大代表");
            await PortalPages.AssertNoFullNumbersAsync(page, deputy.Mobile);
            await PortalPages.ScreenshotAsync(page, "console-invitations");
            var invitations = await unit.Registrations.ListInvitationsAsync(new ListInvitationsRequest { EventId = eventId }, await unit.Call());
            var invited = Assert.Single(invitations.Invitations, i => i.Name == deputy.Name);
            Assert.Equal((ParticipantCategory.NpcDeputy, ParticipantStatus.Invited, code), (invited.Category, invited.Status, invited.Code));

            // Attendance: two confirmed. Cancelling needs a reason (shown beside the row) and a confirmation.
            await page.Locator("[data-testid=event-tabs]").GetByText("名单与出席").ClickAsync();
            await page.WaitForURLAsync($"**/console/events/{eventId}/attendance");
            await Assertions.Expect(page.Locator("[data-testid=attendance-totals]")).ToContainTextAsync("已确认 2 人");
            var row = page.Locator($"[data-testid=roster-row][data-name='{resident.Name}']");
            await row.GetByText("取消参加", new() { Exact = true }).ClickAsync();
            await row.GetByText("确认取消", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator(".field-error[data-field=reason]")).ToContainTextAsync("理由");
            await row.Locator("[data-testid=cancel-reason]").FillAsync("本人临时有事，无法参加");
            await row.GetByText("取消参加", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(row.Locator("[role=alertdialog]")).ToBeVisibleAsync();
            // Asked, not yet done: the participant is still confirmed until the confirmation.
            Assert.Equal(2, (await unit.Registrations.GetAttendanceAsync(new GetRosterRequest { EventId = eventId }, await unit.Call())).Confirmed);
            await row.GetByText("确认取消", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=attendance-totals]")).ToContainTextAsync("已确认 1 人");
            await Assertions.Expect(page.Locator($"[data-testid=roster-row][data-name='{resident.Name}']")).ToHaveCountAsync(0);
            var attendance = await unit.Registrations.GetAttendanceAsync(new GetRosterRequest { EventId = eventId }, await unit.Call());
            Assert.Equal(1, attendance.Confirmed);
            Assert.Equal(0, attendance.Categories.Where(c => c.Category == ParticipantCategory.PublicRepresentative).Sum(c => c.Confirmed));

            // The participant is told: the notifications page lists it, with the mobile masked.
            await page.Locator("[data-testid=event-tabs]").GetByText("通知记录").ClickAsync();
            await page.WaitForURLAsync($"**/console/events/{eventId}/notifications");
            await Assertions.Expect(page.Locator("[data-testid=notifications]")).ToContainTextAsync("取消参加");
            await Assertions.Expect(page.Locator("[data-testid=notifications]")).ToContainTextAsync(resident.MobileMasked);
        });
    }

    [Fact]
    public async Task An_admin_records_an_opinion_at_a_held_event_moves_it_to_answered_and_drafts_and_publishes_the_report()
    {
        var unit = Unit;
        var title = $"意见与报告{Guid.NewGuid().ToString("N")[..6]}";
        var eventId = await Ledger.HeldEventAsync(unit, title: title);
        var topic = $"便民服务{Guid.NewGuid().ToString("N")[..6]}";

        await InBrowserAsync("console-opinions", async page =>
        {
            await ConsoleTests.SignInAsync(page, "/console/opinions", "gaoqiao.admin");
            await page.Locator("#opinion-event").SelectOptionAsync(eventId);
            await page.Locator("#opinion-raised-by").FillAsync("李女士");
            await page.Locator("#opinion-topic").FillAsync(topic);
            await page.Locator("[data-testid=record-opinion]").ClickAsync();
            await Assertions.Expect(page.Locator(".field-error[data-field=text]")).ToContainTextAsync("请填写意见内容");
            await page.Locator("#opinion-text").FillAsync("建议在便民服务中心增设老年人办事绿色通道");
            await page.Locator("[data-testid=record-opinion]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("意见已登记");
            var status = page.Locator($"[data-testid=opinion-status][data-topic='{topic}']");
            await Assertions.Expect(status).ToHaveTextAsync("已登记");

            // The responsible unit (here the recording one) moves it along; answering needs the public answer.
            await page.Locator("tr", new() { Has = status }).Locator("[data-testid=open-opinion]").ClickAsync();
            var detail = page.Locator("[data-testid=opinion-detail-status]");
            await Assertions.Expect(detail).ToHaveTextAsync("已登记");
            await page.Locator("[data-testid=move-InProgress]").ClickAsync();
            await Assertions.Expect(detail).ToHaveTextAsync("办理中");
            await page.Locator("[data-testid=move-Adopted]").ClickAsync();
            await Assertions.Expect(detail).ToHaveTextAsync("已采纳");
            await page.Locator("[data-testid=move-Answered]").ClickAsync();
            await Assertions.Expect(page.Locator(".field-error[data-field=answer]")).ToContainTextAsync("答复内容");
            await page.Locator("#opinion-answer-text").FillAsync("已在一楼大厅设置老年人绿色通道，安排专人引导。");
            await page.Locator("[data-testid=move-Answered]").ClickAsync();
            await Assertions.Expect(detail).ToHaveTextAsync("已答复");
            await Assertions.Expect(status).ToHaveTextAsync("已答复");
            await PortalPages.ScreenshotAsync(page, "console-opinions");
            var ledger = await unit.Assessment.ListOpinionsAsync(new ListOpinionsRequest { EventId = eventId }, await unit.Call());
            var answered = Assert.Single(ledger.Opinions);
            Assert.Equal((OpinionStatus.Answered, topic, "已在一楼大厅设置老年人绿色通道，安排专人引导。"), (answered.Status, answered.Topic, answered.Answer));

            // The ledger as files: the opinion just answered, in full, and only opinions this unit recorded or must answer.
            var (xlsxName, xlsx) = await PortalPages.DownloadAsync(page, "导出台账（XLSX）");
            Assert.Equal($"意见建议台账-{Ledger.Today}.xlsx", xlsxName);
            var sheet = Questionnaires.Sheets(xlsx)["工作台账"];
            int recording = sheet[0].IndexOf("记录单位"), responsible = sheet[0].IndexOf("责任单位");
            Assert.True(recording >= 0 && responsible >= 0, string.Join(",", sheet[0]));
            var row = Assert.Single(sheet, r => r.Contains(answered.Id));
            Assert.Contains(topic, row);
            Assert.Contains("建议在便民服务中心增设老年人办事绿色通道", row);
            Assert.Contains("已在一楼大厅设置老年人绿色通道，安排专人引导。", row);
            Assert.All(sheet.Skip(1), r => Assert.Contains("gaoqiao-town", new[] { r[recording], r[responsible] }));
            var (csvName, csv) = await PortalPages.DownloadAsync(page, "导出台账（CSV）");
            Assert.Equal($"意见建议台账-{Ledger.Today}.csv", csvName);
            var csvText = Encoding.UTF8.GetString(csv);
            Assert.Contains(answered.Id, csvText);
            Assert.Contains(topic, csvText);
            Assert.Contains("建议在便民服务中心增设老年人办事绿色通道", csvText);

            // The report: a summary is required; drafted, edited, then published behind a confirmation, late as it is.
            await page.GotoAsync("/console/reports");
            await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
            await page.Locator("#report-event").SelectOptionAsync(eventId);
            await page.Locator("[data-testid=draft-report]").ClickAsync();
            await Assertions.Expect(page.Locator(".field-error[data-field=summary]")).ToContainTextAsync("请填写活动开展情况");
            await page.Locator("#report-summary").FillAsync("10月20日，高桥镇举办座谈交流会，群众代表等参加。");
            await page.Locator("[data-testid=draft-report]").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/console/reports/[0-9a-f-]{36}$"));
            var reportId = page.Url.Split('/')[^1];
            await Assertions.Expect(page.Locator("[data-testid=report-status]")).ToHaveTextAsync("草稿");
            await page.Locator("#report-summary").FillAsync("10月20日，高桥镇举办座谈交流会，收集意见建议1条，已答复。");
            await page.Locator("[data-testid=save-report]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("草稿已保存");
            await page.GetByText("发布", new() { Exact = true }).ClickAsync();
            Assert.Equal(ReportStatus.Draft, (await unit.Assessment.GetReportAsync(new GetReportRequest { Id = reportId }, await unit.Call())).Status);
            await page.GetByText("确认发布", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=report-status]")).ToHaveTextAsync("已发布");
            var report = await unit.Assessment.GetReportAsync(new GetReportRequest { Id = reportId }, await unit.Call());
            Assert.Equal(ReportStatus.Published, report.Status);
            Assert.Contains("收集意见建议1条", report.Summary);
            // Held on 2026-10-20 and due five working days later: published now, it is late, and the page says by how much.
            Assert.True(report.Late);
            await Assertions.Expect(page.Locator("[data-testid=report-timeliness]")).ToHaveTextAsync(
                report.HasWorkingDaysLate ? $"逾期 {report.WorkingDaysLate} 个工作日" : "逾期（工作日数计算中）");
        });
    }

    [Fact]
    public async Task An_admin_creates_a_questionnaire_of_the_four_kinds_opens_it_enters_a_paper_answer_and_sees_the_counts()
    {
        var unit = Unit;
        var eventId = await Ledger.HeldEventAsync(unit, title: $"政策评价{Guid.NewGuid().ToString("N")[..6]}");
        var title = $"城乡居民医保政策评价{Guid.NewGuid().ToString("N")[..6]}";

        await InBrowserAsync("console-questionnaire", async page =>
        {
            await ConsoleTests.SignInAsync(page, "/console/questionnaires/new", "gaoqiao.admin");
            await page.Locator("#questionnaire-event").SelectOptionAsync(eventId);
            await page.Locator("#questionnaire-title").FillAsync(title);
            await page.Locator("#policy-name").FillAsync("沂水县城乡居民基本医疗保险实施办法");
            await page.Locator("#policy-issued-by").FillAsync("县医疗保障局");
            // Single choice (required), multiple choice of at most two (optional), rating (required), free text (optional).
            await page.Locator("#question-0-text").FillAsync("您是否了解该政策？");
            await page.Locator("#question-0-options").FillAsync("了解");
            await page.Locator("[data-testid=add-question]").ClickAsync();
            await page.Locator("#question-1-text").FillAsync("您通过哪些渠道了解？");
            await page.Locator("#question-1-kind").SelectOptionAsync(nameof(QuestionKind.MultipleChoice));
            await page.Locator("#question-1-options").FillAsync("政府网站\n电视广播\n社区宣传");
            await page.Locator("#question-1-max").FillAsync("2");
            await page.Locator("#question-1-required").UncheckAsync();
            await page.Locator("[data-testid=add-question]").ClickAsync();
            await page.Locator("#question-2-text").FillAsync("您对该政策的总体满意度");
            await page.Locator("#question-2-kind").SelectOptionAsync(nameof(QuestionKind.Rating));
            await page.Locator("[data-testid=add-question]").ClickAsync();
            await page.Locator("#question-3-text").FillAsync("您的意见和建议");
            await page.Locator("#question-3-kind").SelectOptionAsync(nameof(QuestionKind.FreeText));
            await page.Locator("#question-3-required").UncheckAsync();

            // One option is not a choice: the refusal stands beside that question's options, and nothing is saved.
            await page.Locator("[data-testid=save-questionnaire]").ClickAsync();
            await Assertions.Expect(page.Locator(".field-error[data-field='questions[0].options']")).ToContainTextAsync("第1题的选项");
            Assert.DoesNotContain((await unit.Assessment.ListQuestionnairesAsync(new ListQuestionnairesRequest { EventId = eventId }, await unit.Call())).Questionnaires,
                q => q.Title == title);
            await page.Locator("#question-0-options").FillAsync("了解\n部分了解\n不了解");
            await page.Locator("[data-testid=save-questionnaire]").ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/console/questionnaires/[0-9a-f-]{36}$"));
            var id = page.Url.Split('/')[^1];
            var saved = await unit.Assessment.GetQuestionnaireAsync(new GetQuestionnaireRequest { Id = id }, await unit.Call());
            Assert.Equal([QuestionKind.SingleChoice, QuestionKind.MultipleChoice, QuestionKind.Rating, QuestionKind.FreeText], saved.Questions.Select(q => q.Kind));
            Assert.Equal([true, false, true, false], saved.Questions.Select(q => q.Required));
            Assert.Equal(2, saved.Questions[1].MaxChoices);
            await Assertions.Expect(page.Locator("[data-testid=questionnaire-status]")).ToHaveTextAsync("草稿");

            await page.Locator("[data-testid=open-questionnaire]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=questionnaire-status]")).ToHaveTextAsync("开放答卷");

            // A paper answer: 部分了解; 政府网站 and 社区宣传; 4 points; a text.
            await page.Locator("[data-testid=paper-question][data-number='1']").GetByLabel("部分了解").CheckAsync();
            await page.Locator("[data-testid=paper-question][data-number='2']").GetByLabel("政府网站").CheckAsync();
            await page.Locator("[data-testid=paper-question][data-number='2']").GetByLabel("社区宣传").CheckAsync();
            await page.Locator("[data-testid=paper-question][data-number='3'] select").SelectOptionAsync("4");
            await page.Locator("[data-testid=paper-question][data-number='4'] textarea").FillAsync("希望简化异地就医备案");
            await page.Locator("[data-testid=enter-paper-answer]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("纸质问卷已录入");
            await Assertions.Expect(page.Locator("[data-testid=results-totals]")).ToContainTextAsync("共 1 份答卷");
            await Assertions.Expect(page.Locator("[data-testid=results-totals]")).ToContainTextAsync("纸质录入 1 份");
            var q1 = page.Locator("[data-testid=question-result][data-number='1']");
            await Assertions.Expect(q1.Locator("[data-testid=option-count][data-option='部分了解'] [data-testid=count]")).ToHaveTextAsync("1");
            await Assertions.Expect(q1.Locator("[data-testid=option-count][data-option='部分了解']")).ToContainTextAsync("100.0%");
            await Assertions.Expect(q1.Locator("[data-testid=option-count][data-option='了解'] [data-testid=count]")).ToHaveTextAsync("0");
            var q2 = page.Locator("[data-testid=question-result][data-number='2']");
            await Assertions.Expect(q2.Locator("[data-testid=option-count][data-option='社区宣传'] [data-testid=count]")).ToHaveTextAsync("1");
            await Assertions.Expect(q2.Locator("[data-testid=option-count][data-option='电视广播'] [data-testid=count]")).ToHaveTextAsync("0");
            await Assertions.Expect(page.Locator("[data-testid=question-result][data-number='3'] [data-testid=rating-mean]")).ToContainTextAsync("4.00");
            await Assertions.Expect(page.Locator("[data-testid=question-result][data-number='4'] [data-testid=free-texts]")).ToContainTextAsync("希望简化异地就医备案");
            await PortalPages.ScreenshotAsync(page, "console-questionnaire");
            var results = await unit.Assessment.GetQuestionnaireResultsAsync(new GetQuestionnaireRequest { Id = id }, await unit.Call());
            Assert.Equal((1, 1), (results.Answers, results.AnswersByStaff));

            // The results as files hold what the page shows: one answer, entered on paper; 部分了解 once of one; a mean of 4.
            var (xlsxName, xlsx) = await PortalPages.DownloadAsync(page, "导出结果（XLSX）");
            Assert.Equal($"政策评价结果-{id}.xlsx", xlsxName);
            var sheets = Questionnaires.Sheets(xlsx);
            var raw = sheets["原始答卷"].Skip(1).ToList();
            Assert.Equal("纸质问卷录入", Assert.Single(raw)[1]);
            Assert.Equal(["答题人数", "1"], sheets["第1题"][1]);
            Assert.Equal(["部分了解", "1", "100"], sheets["第1题"].Single(r => r[0] == "部分了解"));
            Assert.Equal(["了解", "0", "0"], sheets["第1题"].Single(r => r[0] == "了解"));
            Assert.Equal(["平均分", "4"], sheets["第3题"].Single(r => r[0] == "平均分"));
            Assert.Contains(sheets["第4题"], r => r.SequenceEqual(["1", "希望简化异地就医备案"]));
            var (csvName, csv) = await PortalPages.DownloadAsync(page, "导出结果（CSV）");
            Assert.Equal($"政策评价结果-{id}.csv", csvName);
            Assert.Contains("希望简化异地就医备案", Encoding.UTF8.GetString(csv));
        });

        // Another unit's questionnaire: its results' address, pasted in, answers not found, not the file.
        var zhuge = Clients.ForgedUnitAdmin(stack, "zhuge-town");
        var theirs = await Questionnaires.OpenAsync(zhuge, await Ledger.HeldEventAsync(zhuge, title: "诸葛镇政策评价"), $"诸葛镇问卷{Guid.NewGuid().ToString("N")[..6]}");
        await InBrowserAsync("console-questionnaire-other-unit", async page =>
        {
            await ConsoleTests.SignInAsync(page, "/console/questionnaires", "gaoqiao.admin");
            foreach (var format in new[] { "xlsx", "csv" })
            {
                var response = await page.GotoAsync($"/console/questionnaires/{theirs.Id}/results.{format}");
                Assert.Equal(404, response!.Status);
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("没有找到这个页面");
            }
        });
    }

    [Fact]
    public async Task A_supervising_department_reads_a_supervised_units_invitations_and_roster_without_being_offered_changes()
    {
        await EnsureCampaignAsync();
        var water = new Clients(stack, "watersupply.admin"); // supervised by the housing bureau
        var request = EventRequests.New($"供水开放日{Guid.NewGuid().ToString("N")[..6]}", new DateTime(Year, 9, 21, 1, 0, 0, DateTimeKind.Utc), 20,
            EventForm.VisitSites);
        request.PublicSignup = true;
        var eventId = (await water.Events.CreateEventAsync(request, await water.Call())).Id;
        await water.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = eventId, Status = EventStatus.Published }, await water.Call());
        await OpenEvents.WaitForRosterAsync(water, eventId, r => r.EventStatus == EventStatus.Published);
        var applicant = await water.SignedUpApplicationAsync(eventId);
        await water.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applicant.Id, Decision = ReviewDecision.Approve }, await water.Call());
        var invitee = People.Next("委员");
        await water.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = invitee.Name, Mobile = invitee.Mobile, Category = ParticipantCategory.CppccMember,
        }, await water.Call());

        await InBrowserAsync("console-supervised", async page =>
        {
            await ConsoleTests.SignInAsync(page, $"/console/events/{eventId}/invitations", "housing.admin");
            await Assertions.Expect(page.Locator("[data-testid=read-only]")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"[data-testid=invitation-status][data-name='{invitee.Name}']")).ToHaveTextAsync("待答复");
            await Assertions.Expect(page.Locator("[data-testid=invite-form]")).ToHaveCountAsync(0);
            await PortalPages.AssertNoFullNumbersAsync(page, invitee.Mobile);

            await page.Locator("[data-testid=event-tabs]").GetByText("名单与出席").ClickAsync();
            await page.WaitForURLAsync($"**/console/events/{eventId}/attendance");
            await Assertions.Expect(page.Locator("[data-testid=attendance-totals]")).ToContainTextAsync("已确认 1 人");
            await Assertions.Expect(page.Locator("[data-testid=roster]")).ToContainTextAsync(applicant.Name);
            await Assertions.Expect(page.Locator("[data-testid=cancel-reason]")).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task A_unit_records_the_rectification_of_a_problem_the_county_found()
    {
        var inspector = new Clients(stack, "county.inspector");
        var findings = $"开放日现场公示不全{Guid.NewGuid().ToString("N")[..6]}";
        var inspection = await inspector.Assessment.RecordInspectionAsync(new RecordInspectionRequest
        {
            UnitCode = "gaoqiao-town", InspectedOn = "2026-10-20", Kind = InspectionKind.SiteVisit, Findings = findings,
            Rating = InspectionRating.ProblemsFound, RectificationRequired = "补齐现场公示材料", RectificationWorkingDays = 5,
        }, await inspector.Call());

        await InBrowserAsync("console-inspections", async page =>
        {
            await ConsoleTests.SignInAsync(page, "/console/inspections", "gaoqiao.admin");
            var row = page.Locator($"[data-testid=inspection-row][data-id='{inspection.Id}']");
            await Assertions.Expect(row.Locator("[data-testid=rectification-state]")).ToHaveTextAsync("待整改");
            await row.Locator("[data-testid=rectification-note]").FillAsync("已补齐公示材料并张贴");
            await row.GetByText("记录整改", new() { Exact = true }).ClickAsync();
            await row.GetByText("确认记录", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("整改情况已记录");
            await Assertions.Expect(row.Locator("[data-testid=rectification-state]")).ToContainTextAsync("已整改（逾期）：已补齐公示材料并张贴");
        });
        var rectified = await Unit.Assessment.GetInspectionAsync(new GetInspectionRequest { Id = inspection.Id }, await Unit.Call());
        Assert.False(rectified.Open);
        Assert.Equal("已补齐公示材料并张贴", rectified.RectificationNote);
    }
}
