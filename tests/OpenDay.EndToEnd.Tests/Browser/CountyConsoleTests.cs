using System.Globalization;
using Microsoft.Playwright;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>
/// The county office's console pages in a real browser, signed in on the identity provider's login page: campaign settings
/// and their history, the working-day calendar, the unit registry and staff, the audit trail, inspections; the inspector
/// reads them without edit buttons, and a unit's user gets the 403 page on each.
/// </summary>
[Collection(StackCollection.Name)]
public class CountyConsoleTests(OpenDayStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>Years no other test uses: the campaign these tests change, the calendar they enter, the one the inspector reads.</summary>
    private const int CampaignYear = 2045, CalendarYear = 2046, InspectorYear = 2047;

    private static readonly string[] CountyPages =
    [
        "/console/county/campaign", "/console/county/calendar", "/console/county/units", "/console/county/units/gaoqiao-town",
        "/console/county/audit", "/console/county/opinions", "/console/county/reports", "/console/county/inspections",
    ];

    /// <summary>Runs the steps; when one fails, the page as it was is kept as an artifact.</summary>
    private static async Task StepsAsync(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch
        {
            await PortalPages.ScreenshotAsync(page, $"county-failure-{name}");
            throw;
        }
    }

    private static ILocator FieldError(IPage page, string field) => page.Locator($".field-error[data-field='{field}']");

    private static ILocator Row(IPage page, string text) => page.Locator("tbody tr", new() { HasText = text });

    [Fact]
    public async Task County_admin_changes_a_setting_of_a_year_not_yet_open_and_sees_the_change_in_the_history()
    {
        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, $"/console/county/campaign?year={CampaignYear}", "county.admin");
        await StepsAsync(page, "campaign", async () =>
        {
            // The year has no campaign yet: created with the notice's defaults.
            await Assertions.Expect(page.Locator("[data-testid=no-campaign]")).ToBeVisibleAsync();
            await page.Locator("[data-testid=create-campaign]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=setting-max-participants]")).ToHaveTextAsync("30 人");
            await Assertions.Expect(page.Locator("[data-testid=setting-window]")).ToHaveTextAsync($"{CampaignYear}-09-15 至 {CampaignYear}-10-31");
            await Assertions.Expect(page.GetByText("暂无修改记录")).ToBeVisibleAsync();

            // The service's refusal beside the field it names; nothing changed.
            await page.Locator("#max-participants").FillAsync("600");
            await page.Locator("[data-testid=save-campaign]").ClickAsync();
            await Assertions.Expect(FieldError(page, "max_participants_per_event")).ToHaveTextAsync("每个开放点人数上限须在 1 至 500 之间。");
            await Assertions.Expect(page.Locator("[data-testid=setting-max-participants]")).ToHaveTextAsync("30 人");

            await page.Locator("#max-participants").FillAsync("25");
            await page.Locator("[data-testid=save-campaign]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("设置已保存");
            await Assertions.Expect(page.Locator("[data-testid=setting-max-participants]")).ToHaveTextAsync("25 人");
            var change = Row(page, "每个开放点人数上限");
            await Assertions.Expect(change).ToContainTextAsync("county.admin");
            await Assertions.Expect(change.Locator("td").Nth(3)).ToHaveTextAsync("30");
            await Assertions.Expect(change.Locator("td").Nth(4)).ToHaveTextAsync("25");
            await PortalPages.ScreenshotAsync(page, "county-campaign");
        });

        // The service has it, and its history holds exactly this change.
        var county = new Clients(stack, "county.admin");
        var changes = (await county.Events.ListCampaignChangesAsync(new GetCampaignRequest { Year = CampaignYear }, await county.Call())).Changes;
        var only = Assert.Single(changes);
        Assert.Equal((30, 25), (only.Before.MaxParticipantsPerEvent, only.After.MaxParticipantsPerEvent));
    }

    [Fact]
    public async Task County_admin_enters_a_calendar_year_and_sees_its_holidays()
    {
        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, $"/console/county/calendar?year={CalendarYear}", "county.admin");
        await StepsAsync(page, "calendar", async () =>
        {
            await Assertions.Expect(page.Locator("[data-testid=calendar-missing]")).ToBeVisibleAsync();
            var saturday = Enumerable.Range(0, 7).Select(d => new DateOnly(CalendarYear, 9, 20).AddDays(d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);
            var year = Calendars.StatutoryYear(CalendarYear,
                new CalendarDay { Date = $"{CalendarYear}-10-04", Kind = CalendarDayKind.Holiday, Name = "国庆节" },
                new CalendarDay { Date = $"{CalendarYear}-10-01", Kind = CalendarDayKind.Holiday, Name = "国庆节" },
                new CalendarDay { Date = $"{CalendarYear}-10-02", Kind = CalendarDayKind.Holiday, Name = "国庆节" },
                new CalendarDay { Date = $"{CalendarYear}-10-03", Kind = CalendarDayKind.Holiday, Name = "国庆节" },
                new CalendarDay { Date = saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Kind = CalendarDayKind.MakeUpWorkday, Name = "国庆节调休" });
            var lines = year.Days.Select(d => $"{d.Date} {(d.Kind == CalendarDayKind.Holiday ? "休" : "班")} {d.Name}").ToList();
            var textarea = page.Locator("#calendar-days");

            // A date that does not exist: the line it is on, named.
            await textarea.FillAsync(string.Join("\n", lines.Take(1).Append($"{CalendarYear}-02-30 休 春节").Concat(lines.Skip(1))));
            await page.Locator("[data-testid=save-calendar]").ClickAsync();
            await Assertions.Expect(FieldError(page, "days[1].date")).ToContainTextAsync("第 2 行");

            // Without 国庆节 the year cannot be a calendar (every statutory festival is required).
            await textarea.FillAsync(string.Join("\n", lines.Where(l => !l.Contains("国庆", StringComparison.Ordinal))));
            await page.Locator("[data-testid=save-calendar]").ClickAsync();
            await Assertions.Expect(FieldError(page, "days")).ToContainTextAsync("国庆");
            await Assertions.Expect(page.Locator("[data-testid=calendar-missing]")).ToBeVisibleAsync();

            await textarea.FillAsync(string.Join("\n", lines));
            await page.Locator("[data-testid=save-calendar]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync($"{CalendarYear} 年的工作日日历已保存");
            var holidays = year.Days.Count(d => d.Kind == CalendarDayKind.Holiday);
            await Assertions.Expect(page.Locator("[data-testid=calendar-summary]")).ToHaveTextAsync($"法定节假日 {holidays} 天，调休上班 1 天。");
            await Assertions.Expect(Row(page, $"{CalendarYear}-10-04")).ToContainTextAsync("国庆节");
            await Assertions.Expect(Row(page, $"{CalendarYear}-01-01")).ToContainTextAsync("元旦");
            await Assertions.Expect(Row(page, saturday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).ToContainTextAsync("调休上班");
        });

        // What the page showed is what the service now holds.
        var county = new Clients(stack, "county.admin");
        var stored = await county.Events.GetCalendarYearAsync(new GetCalendarYearRequest { Year = CalendarYear }, await county.Call());
        Assert.Contains(stored.Days, d => d.Date == $"{CalendarYear}-10-04" && d.Kind == CalendarDayKind.Holiday);
    }

    [Fact]
    public async Task County_admin_creates_a_unit_and_assigns_staff()
    {
        var code = $"ct-{Guid.NewGuid():N}"[..14];
        var name = $"测试镇{code[3..9]}";
        var county = new Clients(stack, "county.admin");
        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, "/console/county/units", "county.admin");
        await StepsAsync(page, "units", async () =>
        {
            // A code the registry refuses, beside the code field.
            await page.Locator("#unit-code").FillAsync("Bad Code");
            await page.Locator("#unit-name").FillAsync(name);
            await page.Locator("#unit-kind").SelectOptionAsync("Township");
            await page.Locator("[data-testid=create-unit]").ClickAsync();
            await Assertions.Expect(FieldError(page, "code")).ToContainTextAsync("单位代码须为 2–63 位小写字母");

            await page.Locator("#unit-code").FillAsync(code);
            await page.Locator("[data-testid=create-unit]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync($"已新增单位：{name}（{code}）");
            await page.Locator("#name-contains").FillAsync(name);
            await page.Locator("[data-testid=search-units]").ClickAsync();
            await Assertions.Expect(Row(page, code)).ToContainTextAsync("乡镇");
            await Row(page, code).Locator("[data-testid=unit-link]").ClickAsync();
            await page.WaitForURLAsync($"**/console/county/units/{code}");
            await Assertions.Expect(page.Locator("[data-testid=unit-name]")).ToHaveTextAsync(name);

            // Supervision: a township has none; the service says so beside the field.
            await page.Locator("#unit-supervisor").SelectOptionAsync("housing-bureau");
            await page.Locator("[data-testid=save-unit]").ClickAsync();
            await Assertions.Expect(FieldError(page, "supervising_unit_code")).ToHaveTextAsync("只有企业、服务窗口和事业单位才有主管部门。");

            // Staff: an unknown account is named; then trainee joins as unit staff.
            await page.Locator("#staff-username").FillAsync("nobody-here");
            await page.Locator("[data-testid=assign-staff]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-error]")).ToContainTextAsync("没有名为 nobody-here 的账号");
            await page.Locator("#staff-username").FillAsync("trainee");
            await page.Locator("#staff-role").SelectOptionAsync("UnitStaff");
            await page.Locator("[data-testid=assign-staff]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("已将 trainee 分配到本单位");
            await Assertions.Expect(Row(page, "trainee")).ToContainTextAsync("单位工作人员");
            await Assertions.Expect(Row(page, "trainee")).ToContainTextAsync("county.admin");
        });
        var staff = (await county.Units.ListStaffAsync(new ListStaffRequest { Code = code }, await county.Call())).Staff;
        Assert.Contains(staff, s => s.Username == "trainee" && s.Role == StaffRole.UnitStaff);
        var unit = await county.Units.GetUnitAsync(new GetUnitRequest { Code = code }, await county.Call());
        Assert.Equal(("", UnitKind.Township), (unit.SupervisingUnitCode, unit.Kind)); // the refused supervision changed nothing

        // Taken off again (trainee is the audit tests' account too), after the confirmation.
        await StepsAsync(page, "units-remove", async () =>
        {
            await Row(page, "trainee").GetByText("移除", new() { Exact = true }).ClickAsync();
            await page.GetByRole(AriaRole.Alertdialog).GetByText("移除", new() { Exact = true }).ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("已将 trainee 移出本单位");
            await Assertions.Expect(page.GetByText("尚未分配工作人员")).ToBeVisibleAsync();
        });
        Assert.Empty((await county.Units.ListStaffAsync(new ListStaffRequest { Code = code }, await county.Call())).Staff);
    }

    [Fact]
    public async Task County_admin_filters_the_audit_trail_and_sees_the_entry_of_what_was_just_done()
    {
        var county = new Clients(stack, "county.admin");
        var code = $"au-{Guid.NewGuid():N}"[..14];
        await county.Units.CreateUnitAsync(new CreateUnitRequest { Code = code, Name = "审计筛选测试镇", Kind = UnitKind.Township }, await county.Call());

        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, "/console/county/audit", "county.admin");
        await StepsAsync(page, "audit", async () =>
        {
            await page.Locator("#audit-service").SelectOptionAsync("units");
            await page.Locator("#audit-unit").SelectOptionAsync("county-office");
            await page.Locator("#audit-keyword").FillAsync(code);
            await page.Locator("[data-testid=search-audit]").ClickAsync();
            var entry = Row(page, code);
            await Assertions.Expect(entry).ToContainTextAsync("新增单位（CreateUnit）");
            await Assertions.Expect(entry).ToContainTextAsync("county.admin");
            await Assertions.Expect(entry).ToContainTextAsync("新增");
            await PortalPages.ScreenshotAsync(page, "county-audit");

            // Another unit's trail does not hold it; nor does yesterday's.
            await page.Locator("#audit-unit").SelectOptionAsync("gaoqiao-town");
            await page.Locator("[data-testid=search-audit]").ClickAsync();
            await Assertions.Expect(page.GetByText("没有符合条件的记录")).ToBeVisibleAsync();
            await Assertions.Expect(Row(page, code)).ToHaveCountAsync(0);
            var yesterday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime).AddDays(-1);
            await page.Locator("#audit-unit").SelectOptionAsync("county-office");
            await page.Locator("#audit-from").FillAsync(yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.Locator("#audit-to").FillAsync(yesterday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await page.Locator("[data-testid=search-audit]").ClickAsync();
            await Assertions.Expect(page.GetByText("没有符合条件的记录")).ToBeVisibleAsync();
            await Assertions.Expect(Row(page, code)).ToHaveCountAsync(0);
        });
    }

    [Fact]
    public async Task County_admin_records_an_inspection_with_problems_and_sees_it_in_the_open_list()
    {
        var findings = $"现场公示栏未更新开放日信息（{Guid.NewGuid().ToString("N")[..6]}）";
        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, "/console/county/inspections", "county.admin");
        await StepsAsync(page, "inspections", async () =>
        {
            await page.Locator("#inspection-unit").SelectOptionAsync("gaoqiao-town");
            await page.Locator("#inspection-kind").SelectOptionAsync("SiteVisit");
            await page.Locator("#inspection-rating").SelectOptionAsync("ProblemsFound");
            await page.Locator("#inspection-findings").FillAsync(findings);
            await page.Locator("#inspection-days").FillAsync("10");
            // Problems found but nothing to rectify: refused beside the rectification field.
            await page.Locator("[data-testid=record-inspection]").ClickAsync();
            await Assertions.Expect(FieldError(page, "rectification_required")).ToHaveTextAsync("发现问题时须填写整改要求。");
            await Assertions.Expect(Row(page, findings)).ToHaveCountAsync(0);

            await page.Locator("#inspection-rectification").FillAsync("一周内更新公示栏并报送整改照片");
            await page.Locator("[data-testid=record-inspection]").ClickAsync();
            await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("已记录检查，整改期限为");
        });

        var county = new Clients(stack, "county.admin");
        var recorded = (await county.Assessment.ListInspectionsAsync(new ListInspectionsRequest { UnitCode = "gaoqiao-town", OpenOnly = true, PageSize = 100 },
            await county.Call())).Inspections.Single(i => i.Findings == findings);
        Assert.Equal((InspectionKind.SiteVisit, 10), (recorded.Kind, recorded.RectificationWorkingDays));
        await StepsAsync(page, "inspections-list", async () =>
        {
            var row = Row(page, findings);
            await Assertions.Expect(row).ToContainTextAsync("高桥镇");
            await Assertions.Expect(row).ToContainTextAsync("待整改");
            await Assertions.Expect(row).ToContainTextAsync("现场走访");
            await Assertions.Expect(row).ToContainTextAsync(recorded.RectificationDueOn);
            await PortalPages.ScreenshotAsync(page, "county-inspections");
        });
    }

    [Fact]
    public async Task The_county_sees_an_overdue_opinion_in_working_days_and_the_summary_of_its_unit()
    {
        // An opinion of 诸葛镇's event that 许家湖镇 had to answer by 2026-10-21, and has not. (Units the isolation tests
        // leave alone: an opinion 高桥镇 assigned to 沂城街道 would be 沂城街道's to read there.)
        var zhuge = Clients.ForgedUnitAdmin(stack, "zhuge-town");
        var county = new Clients(stack, "county.admin");
        var eventId = await zhuge.CreateEventAsync("诸葛镇督办座谈会");
        var topic = $"路灯维修{Guid.NewGuid().ToString("N")[..6]}";
        await zhuge.Assessment.RecordOpinionAsync(new RecordOpinionRequest
        {
            EventId = eventId, RaisedBy = "李女士", Text = "建议尽快修复路灯", Topic = topic, ResponsibleUnitCode = "xujiahu-town",
            DueDate = "2026-10-21", RaisedOn = "2026-10-20",
        }, await zhuge.Call());
        // And one of 高桥镇's own, for the county's ledger of every unit.
        var gaoqiao = new Clients(stack, "gaoqiao.admin");
        var gaoqiaoText = $"县级台账导出：高桥镇的意见{Guid.NewGuid().ToString("N")[..6]}";
        var gaoqiaoOpinion = await Ledger.RecordAsync(gaoqiao, await Ledger.HeldEventAsync(gaoqiao, title: "高桥镇台账座谈会"), text: gaoqiaoText);
        var overdue = (await county.Assessment.ListOverdueOpinionsAsync(new ListOverdueOpinionsRequest { UnitCode = "xujiahu-town", PageSize = 1000 },
            await county.Call())).Opinions.Single(o => o.Topic == topic);
        var summary = (await county.Assessment.GetOpinionSummaryAsync(new GetOpinionSummaryRequest(), await county.Call())).Units.Single(u => u.UnitCode == "xujiahu-town");
        Assert.True(overdue.WorkingDaysOverdue > 0);

        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, "/console/county/opinions", "county.inspector");
        await StepsAsync(page, "opinions", async () =>
        {
            var unit = page.Locator("[data-testid=opinion-summary] tbody tr", new() { HasText = "许家湖镇人民政府" });
            await Assertions.Expect(unit.Locator("td").Nth(1)).ToHaveTextAsync(summary.Received.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(unit.Locator("td").Nth(4)).ToHaveTextAsync(summary.Overdue.ToString(CultureInfo.InvariantCulture));

            await page.Locator("#overdue-unit").SelectOptionAsync("xujiahu-town");
            var row = page.Locator("[data-testid=overdue-opinions] tbody tr", new() { HasText = topic });
            await Assertions.Expect(row.Locator("td").Nth(0)).ToHaveTextAsync(overdue.WorkingDaysOverdue.ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(row).ToContainTextAsync("诸葛镇人民政府");
            await Assertions.Expect(row).ToContainTextAsync("2026-10-21");
            await Assertions.Expect(row).ToContainTextAsync("已登记");
            // The filter holds only 许家湖镇's: none of the other units' overdue opinions.
            await Assertions.Expect(page.Locator("[data-testid=overdue-opinions] tbody tr", new() { HasText = "住房和城乡建设局" })).ToHaveCountAsync(0);

            // The county's ledger as a file: every unit's opinions, 诸葛镇's and 高桥镇's among them.
            var (name, xlsx) = await PortalPages.DownloadAsync(page, "导出台账（XLSX）");
            Assert.Equal($"意见建议台账-{Ledger.Today}.xlsx", name);
            var sheet = Questionnaires.Sheets(xlsx)["工作台账"];
            int recording = sheet[0].IndexOf("记录单位"), responsible = sheet[0].IndexOf("责任单位");
            var zhugeRow = Assert.Single(sheet, r => r.Contains(topic));
            Assert.Equal(("zhuge-town", "xujiahu-town"), (zhugeRow[recording], zhugeRow[responsible]));
            var gaoqiaoRow = Assert.Single(sheet, r => r.Contains(gaoqiaoOpinion.Id));
            Assert.Equal(("gaoqiao-town", gaoqiaoText), (gaoqiaoRow[recording], gaoqiaoRow[sheet[0].IndexOf("意见建议")]));
            var (csvName, csv) = await PortalPages.DownloadAsync(page, "导出台账（CSV）");
            Assert.Equal($"意见建议台账-{Ledger.Today}.csv", csvName);
            var csvText = System.Text.Encoding.UTF8.GetString(csv);
            Assert.Contains(topic, csvText);
            Assert.Contains(gaoqiaoText, csvText);
        });
    }

    [Fact]
    public async Task County_inspector_sees_the_pages_but_no_edit_buttons()
    {
        var county = new Clients(stack, "county.admin");
        await county.EnsureCampaignAsync(InspectorYear);

        // A unit with a staff member, whose row the admin could remove.
        await county.Units.AssignStaffAsync(new AssignStaffRequest { Code = "yicheng-street", Username = "trainee", Role = StaffRole.UnitStaff }, await county.Call());
        try
        {
            await InspectorReadsAsync();
        }
        finally
        {
            await county.Units.RemoveStaffAsync(new RemoveStaffRequest { Code = "yicheng-street", Username = "trainee" }, await county.Call());
        }
    }

    private async Task InspectorReadsAsync()
    {
        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, $"/console/county/campaign?year={InspectorYear}", "county.inspector");
        await StepsAsync(page, "inspector", async () =>
        {
            await Assertions.Expect(page.Locator("[data-testid=setting-window]")).ToHaveTextAsync($"{InspectorYear}-09-15 至 {InspectorYear}-10-31");
            await Assertions.Expect(page.Locator("[data-testid=save-campaign]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("#max-participants")).ToHaveCountAsync(0);

            await page.GotoAsync("/console/county/calendar?year=2026"); // the official calendar, seeded
            await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
            await Assertions.Expect(Row(page, "2026-01-01")).ToContainTextAsync("元旦");
            await Assertions.Expect(page.Locator("#calendar-days")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=save-calendar]")).ToHaveCountAsync(0);

            await page.GotoAsync("/console/county/units");
            await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
            await page.Locator("#name-contains").FillAsync("高桥");
            await page.Locator("[data-testid=search-units]").ClickAsync();
            await Assertions.Expect(Row(page, "gaoqiao-town")).ToContainTextAsync("高桥镇");
            await Assertions.Expect(page.Locator("[data-testid=create-unit]")).ToHaveCountAsync(0);

            await page.GotoAsync("/console/county/units/yicheng-street");
            await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("[data-testid=unit-name]")).ToHaveTextAsync("沂城街道办事处");
            await Assertions.Expect(Row(page, "trainee")).ToContainTextAsync("单位工作人员"); // a staff row, without its remove button
            await Assertions.Expect(page.Locator("[data-testid=save-unit]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=assign-staff]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.Locator("[data-testid=staff-actions]")).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByText("撤销该单位")).ToHaveCountAsync(0);

            await page.GotoAsync("/console/county/audit");
            await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("审计记录");
            await Assertions.Expect(page.Locator("[data-testid=console-error]")).ToHaveCountAsync(0);

            foreach (var (path, heading) in new[] { ("/console/county/opinions", "意见办理督办"), ("/console/county/reports", "活动情况报送") })
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(heading);
                await Assertions.Expect(page.Locator("[data-testid=console-error]")).ToHaveCountAsync(0);
            }
        });
    }

    [Fact]
    public async Task The_county_reads_a_units_questionnaire_results_without_being_offered_changes()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var eventId = await Ledger.HeldEventAsync(unit, title: "县级查看政策评价");
        var title = $"县级查看问卷{Guid.NewGuid().ToString("N")[..6]}";
        var questionnaire = await Questionnaires.OpenAsync(unit, eventId, title);
        await unit.Assessment.EnterPaperAnswerAsync(new QuestionnaireAnswerRequest
        {
            QuestionnaireId = questionnaire.Id, Answers = { Questionnaires.Answers(1, [1], 4, "") },
        }, await unit.Call());

        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, "/console/questionnaires", "county.inspector");
        await StepsAsync(page, "questionnaires", async () =>
        {
            await Assertions.Expect(page.GetByTestId("new-questionnaire")).ToHaveCountAsync(0);
            await Row(page, title).GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("results-totals")).ToContainTextAsync("共 1 份答卷");
            await Assertions.Expect(page.GetByTestId("questionnaire-status")).ToBeVisibleAsync();
            // The unit's own changes are not offered: closing the questionnaire, entering a paper answer.
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "结束答卷" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByTestId("enter-paper-answer")).ToHaveCountAsync(0);

            // The county downloads the results too: the one paper answer the page counts.
            var (name, xlsx) = await PortalPages.DownloadAsync(page, "导出结果（XLSX）");
            Assert.Equal($"政策评价结果-{questionnaire.Id}.xlsx", name);
            var sheets = Questionnaires.Sheets(xlsx);
            Assert.Equal("纸质问卷录入", Assert.Single(sheets["原始答卷"].Skip(1))[1]);
            Assert.Equal(["答题人数", "1"], sheets["第1题"][1]);
        });
    }

    [Fact]
    public async Task A_unit_user_gets_the_403_page_on_each_county_page()
    {
        var page = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(page, "/console", "gaoqiao.admin");
        await StepsAsync(page, "forbidden", async () =>
        {
            await Assertions.Expect(page.Locator("nav a[href='console/county/units']")).ToHaveCountAsync(0); // county links hidden
            foreach (var path in CountyPages)
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Status == 403, $"{path} answered {response.Status}");
                await Assertions.Expect(page.Locator("[data-testid=forbidden] h1")).ToHaveTextAsync("403 · 无权访问");
            }
        });
    }
}
