using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>
/// The staff console (/console) in a real browser: sign-in on the identity provider's own login page (authorization code
/// with PKCE, through the gateway), the unit's event from creation to a finalised roster, the county's plan review, the
/// 403 page, an ended session, and sign-out.
/// </summary>
[Collection(StackCollection.Name)]
public class ConsoleTests(OpenDayStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A campaign year no other test uses: its plans and events belong to these tests alone.</summary>
    private const int Year = 2043; // its own campaign year: PlanTests counts on 2041 having none

    private async Task EnsureCampaignAsync()
    {
        var county = new Clients(stack, "county.admin");
        await county.EnsureCampaignAsync(Year);
    }

    /// <summary>Opens a console page signed out: the provider's login page, then back to that very page, interactive.</summary>
    internal static async Task SignInAsync(IPage page, string path, string username, List<string>? requests = null)
    {
        await page.GotoAsync(path);
        await page.WaitForURLAsync(new Regex("/realms/openday/"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("政府开放日");
        await page.Locator("#username").FillAsync(username);
        await page.Locator("#password").FillAsync("dev-only-password");
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery == path);
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=console-user]")).ToHaveTextAsync(username);
    }

    [Fact]
    public async Task A_unit_admin_signs_in_creates_edits_publishes_and_reviews_and_finalising_below_the_share_is_refused()
    {
        await EnsureCampaignAsync();
        var page = await browser.NewConsolePageAsync(stack);
        try
        {
            await UnitFlowAsync(page);
        }
        catch
        {
            await PortalPages.ScreenshotAsync(page, "console-failure"); // what the page showed when a step failed
            throw;
        }
    }

    private async Task UnitFlowAsync(IPage page)
    {
        var authorizeRequests = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/protocol/openid-connect/auth", StringComparison.Ordinal)) authorizeRequests.Add(request.Url);
        };

        await SignInAsync(page, "/console/events/new", "gaoqiao.admin");
        // The authorization request (and its replay after the login form) names the browser client and a PKCE challenge.
        var authorize = Assert.Single(authorizeRequests.Distinct());
        Assert.Contains("client_id=openday-web", authorize);
        Assert.Contains("code_challenge_method=S256", authorize);
        Assert.Contains("code_challenge=", authorize);

        // Create.
        var title = $"走进高桥镇政务服务中心{Guid.NewGuid().ToString("N")[..6]}";
        await page.Locator("#title").FillAsync(title);
        await page.Locator("#theme").FillAsync("优化营商环境");
        await page.Locator("#venue").FillAsync("高桥镇政府三楼会议室");
        await page.Locator("input[name=forms][value=VisitOffices]").CheckAsync();
        await page.Locator("#starts-at").FillAsync($"{Year}-09-20T09:00");
        await page.Locator("#ends-at").FillAsync($"{Year}-09-20T11:00");
        await page.Locator("[data-testid=save-event]").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/console/events/[0-9a-f-]{36}$"));
        var eventId = page.Url.Split('/')[^1];
        await Assertions.Expect(page.Locator("[data-testid=event-title]")).ToHaveTextAsync(title);

        // Edit: the service's refusal beside the field it names, then the change.
        await page.Locator("[data-testid=edit-event]").ClickAsync();
        await page.WaitForURLAsync($"**/console/events/{eventId}/edit");
        await Assertions.Expect(page.Locator("#venue")).ToHaveValueAsync("高桥镇政府三楼会议室");
        await page.Locator("#venue").FillAsync("高桥镇便民服务中心一楼大厅");
        await page.Locator("#capacity").FillAsync("40");
        await page.Locator("[data-testid=save-event]").ClickAsync();
        await Assertions.Expect(page.Locator(".field-error[data-field=capacity]")).ToContainTextAsync("不能超过本年度每个开放点的上限 30 人");
        await page.Locator("#capacity").FillAsync("20");
        await page.Locator("[data-testid=save-event]").ClickAsync();
        await page.WaitForURLAsync(new Regex($"/console/events/{eventId}$"));
        await Assertions.Expect(page.Locator("[data-testid=event-venue]")).ToHaveTextAsync("高桥镇便民服务中心一楼大厅");

        // Publish and open registration; the public site shows the new venue.
        await page.Locator("[data-testid=move-Published]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=event-status]")).ToHaveTextAsync("已发布");
        await page.Locator("[data-testid=move-RegistrationOpen]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=event-status]")).ToHaveTextAsync("报名中");
        var unit = new Clients(stack, "gaoqiao.admin");
        await OpenEvents.WaitForRosterAsync(unit, eventId, r => r.EventStatus == EventStatus.RegistrationOpen);
        var publicPage = await page.Context.NewPageAsync();
        await publicPage.GotoAsync($"/events/{eventId}");
        await Assertions.Expect(publicPage.Locator(".event-facts")).ToContainTextAsync("高桥镇便民服务中心一楼大厅");
        await publicPage.CloseAsync();

        // Three sign-ups over the API: a reporter, someone to refuse, a public representative.
        using var gateway = stack.Gateway();
        var reporter = People.Next("记者");
        var refused = People.Next("拒绝");
        var resident = People.Next("群众");
        await People.SignedUpAsync(gateway, eventId, reporter, "PARTICIPANT_CATEGORY_MEDIA_REPORTER");
        await People.SignedUpAsync(gateway, eventId, refused, "PARTICIPANT_CATEGORY_PUBLIC_REPRESENTATIVE");
        var residentCode = await People.SignedUpAsync(gateway, eventId, resident, "PARTICIPANT_CATEGORY_PUBLIC_REPRESENTATIVE");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=application-row]")).ToHaveCountAsync(3);
        await PortalPages.AssertNoFullNumbersAsync(page, reporter.IdNumber, reporter.Mobile, resident.IdNumber, resident.Mobile);

        await Row(page, refused.Name).Locator("[data-testid=reject-reason]").FillAsync("名额已满，欢迎关注下次活动");
        await Row(page, refused.Name).Locator("[data-testid=reject]").ClickAsync();
        await Assertions.Expect(Row(page, refused.Name)).ToContainTextAsync("名额已满，欢迎关注下次活动");
        await Row(page, reporter.Name).Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=roster-counts]")).ToContainTextAsync("已确认 1 / 20 人");
        await Assertions.Expect(page.Locator("[data-testid=share-warning]")).ToContainTextAsync("至少需要 1 人");
        await PortalPages.ScreenshotAsync(page, "console-review");

        // Finalising below the share: the confirmation, then the service's refusal with its numbers.
        await ConfirmAsync(page, "确认名单", "确认");
        await Assertions.Expect(page.Locator("[data-testid=console-error]")).ToContainTextAsync("群众代表 0 人，已确认 1 人");
        Assert.False((await unit.Registrations.GetRosterAsync(new GetRosterRequest { EventId = eventId }, await unit.Call())).Finalised);

        // A public representative approved: the share is met and the roster finalises.
        await Row(page, resident.Name).Locator("[data-testid=approve]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=share-warning]")).ToHaveCountAsync(0);
        await ConfirmAsync(page, "确认名单", "确认");
        await Assertions.Expect(page.Locator("[data-testid=roster-finalised]")).ToBeVisibleAsync();

        // Check-in by code; the XLSX export opens with the Open XML SDK and holds only masked numbers.
        await page.Locator("#check-in-code").FillAsync(residentCode);
        await page.Locator("[data-testid=check-in]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=console-done]")).ToContainTextAsync("签到成功");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByText("导出名单（XLSX）").ClickAsync());
        var file = Path.Combine(Path.GetTempPath(), $"console-roster-{eventId}.xlsx");
        await download.SaveAsAsync(file);
        using (var workbook = SpreadsheetDocument.Open(file, false))
        {
            var text = string.Join(" ", workbook.WorkbookPart!.SharedStringTablePart?.SharedStringTable.InnerText ?? "",
                string.Join(" ", workbook.WorkbookPart.WorksheetParts.Select(w => w.Worksheet.InnerText)));
            Assert.Contains(resident.Name, text);
            Assert.DoesNotContain(resident.IdNumber, text);
            Assert.DoesNotContain(resident.Mobile, text);
        }
        File.Delete(file);
        await page.GotoAsync("/console");
        await Assertions.Expect(page.Locator("[data-testid=campaign]")).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(page, "console-dashboard");
    }

    /// <summary>The console's ConfirmButton: the button, then the confirmation it shows in its place.</summary>
    internal static async Task ConfirmAsync(IPage page, string button, string confirm)
    {
        await page.GetByText(button, new() { Exact = true }).Filter(new() { Visible = true }).First.ClickAsync();
        await page.GetByText(confirm, new() { Exact = true }).Filter(new() { Visible = true }).Last.ClickAsync();
    }

    private static ILocator Row(IPage page, string name) => page.Locator($"[data-testid=application-row][data-name='{name}']");

    [Fact]
    public async Task The_county_records_a_plan_staff_get_the_403_page_an_ended_session_signs_in_again_and_sign_out_ends_it()
    {
        await EnsureCampaignAsync();

        // The unit admin files the plan in the console.
        var unitPage = await browser.NewConsolePageAsync(stack);
        await SignInAsync(unitPage, $"/console/plan?year={Year}", "gaoqiao.admin");
        await unitPage.Locator("#open-dates").FillAsync($"{Year}-09-20\n{Year}-10-09");
        await unitPage.Locator("#themes").FillAsync("优化营商环境");
        await unitPage.Locator("input.form-check-input").First.CheckAsync();
        await unitPage.Locator("#implementation-plan").FillAsync("职责分工：党政办牵头；开放内容：便民服务中心办事流程；活动流程：参观、体验、座谈。");
        await unitPage.GetByRole(AriaRole.Button, new() { Name = "报送计划" }).ClickAsync();
        await Assertions.Expect(unitPage.Locator("[data-testid=console-done]")).ToContainTextAsync("计划已报送");

        // The county admin records it; the compliance table shows it on time.
        var countyPage = await browser.NewConsolePageAsync(stack);
        await SignInAsync(countyPage, $"/console/county/plans?year={Year}", "county.admin");
        var row = countyPage.Locator("[data-testid=plan-row][data-unit=gaoqiao-town]");
        await Assertions.Expect(row.Locator("[data-testid=plan-row-status]")).ToHaveTextAsync("待备案");
        await row.Locator("[data-testid=record-plan]").ClickAsync();
        await Assertions.Expect(row.Locator("[data-testid=plan-row-status]")).ToHaveTextAsync("已备案");
        await countyPage.GotoAsync($"/console/county/compliance?year={Year}");
        var gaoqiao = countyPage.Locator("tr", new() { HasText = "高桥镇" });
        await Assertions.Expect(gaoqiao).ToContainTextAsync("按时");
        await PortalPages.ScreenshotAsync(countyPage, "console-compliance");

        // The unit sees it recorded.
        await unitPage.ReloadAsync();
        await Assertions.Expect(unitPage.Locator("[data-testid=plan-status]")).ToContainTextAsync("已备案");

        // Staff may not open county pages: the 403 page, with the 403 status.
        var staffPage = await browser.NewConsolePageAsync(stack);
        await SignInAsync(staffPage, "/console", "gaoqiao.staff");
        var forbidden = await staffPage.GotoAsync($"/console/county/compliance?year={Year}");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(staffPage.Locator("[data-testid=forbidden] h1")).ToHaveTextAsync("403 · 无权访问");
        await Assertions.Expect(staffPage.GetByText("落实情况")).ToHaveCountAsync(0); // county links hidden from staff

        // The session ends (cookies gone, provider session too): the next page signs in again and comes back to it.
        await staffPage.Context.ClearCookiesAsync();
        await SignInAsync(staffPage, $"/console/plan?year={Year}", "gaoqiao.staff");

        // Sign-out ends the session here and at the provider; Back shows the sign-in page, not the console's data.
        await staffPage.GetByRole(AriaRole.Button, new() { Name = "退出登录" }).ClickAsync();
        await staffPage.WaitForURLAsync("**/console/signed-out");
        await Assertions.Expect(staffPage.Locator("[data-testid=signed-out]")).ToBeVisibleAsync();
        await staffPage.GoBackAsync();
        await staffPage.WaitForURLAsync(new Regex("/realms/openday/"));
        await Assertions.Expect(staffPage.Locator("#username")).ToBeVisibleAsync();
        Assert.DoesNotContain("计划备案", await staffPage.ContentAsync());
    }

    [Fact]
    public async Task An_access_token_near_its_expiry_is_refreshed_from_the_server_side_session()
    {
        // The stack's portal refreshes a token 4 min 50 s before it expires (Console:RefreshBefore, OpenDayStack): with the
        // realm's 5-minute tokens, any call made 10 s after sign-in needs a refresh.
        var page = await browser.NewConsolePageAsync(stack);
        await SignInAsync(page, "/console/events", "yicheng.admin");
        var refreshesBefore = stack.ConsoleLogs.Count(IsRefresh);
        await Task.Delay(TimeSpan.FromSeconds(12)); // the token's age, not a timing assertion

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("开放活动");
        await Assertions.Expect(page.Locator("[data-testid=console-error]")).ToHaveCountAsync(0);
        await Eventually.ReturnsAsync(() => Task.FromResult(stack.ConsoleLogs.Count(IsRefresh)), n => n > refreshesBefore);
        Assert.True(stack.ConsoleLogs.Count(IsRefresh) > refreshesBefore, "the portal did not refresh the console session's token");
    }

    private static bool IsRefresh(string line) =>
        line.StartsWith("portal:", StringComparison.Ordinal) && line.Contains("Refreshed a console session's access token", StringComparison.Ordinal);
}
