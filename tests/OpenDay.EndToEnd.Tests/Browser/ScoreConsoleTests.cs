using Microsoft.Playwright;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>
/// The year-end score in the console: the county admin computes the year's table and finalises it behind a
/// confirmation; a unit reads its own card with the evidence; a unit user cannot open the county's page.
/// </summary>
[Collection(StackCollection.Name)]
public class ScoreConsoleTests(OpenDayStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    /// <summary>A campaign year of these tests alone: finalising it freezes nobody else's.</summary>
    private const int Year = 2094;

    [Fact]
    public async Task The_county_computes_and_finalises_the_year_and_a_unit_reads_its_own_card()
    {
        var county = new Clients(stack, "county.admin");
        await county.EnsureCampaignAsync(Year);

        var page = await browser.NewConsolePageAsync(stack);
        try
        {
            var path = $"/console/county/scores?year={Year}";
            await ConsoleTests.SignInAsync(page, path, "county.admin");
            await Assertions.Expect(page.GetByTestId("no-scores")).ToBeVisibleAsync();
            await page.GetByTestId("compute").ClickAsync();
            await Assertions.Expect(page.GetByTestId("console-done")).ToContainTextAsync("考核结果已计算");
            var table = page.GetByTestId("score-table");
            await Assertions.Expect(table).ToContainTextAsync("计算结果，未确定");
            await Assertions.Expect(table).ToContainTextAsync("高桥镇");
            await PortalPages.ScreenshotAsync(page, "console-scores");
            // The table as the county files it: the XLSX the page links to, with 高桥镇's row.
            var (name, xlsx) = await PortalPages.DownloadAsync(page, "导出 Excel");
            Assert.Equal($"考核结果-{Year}.xlsx", name);
            Assert.Contains(Questionnaires.Sheets(xlsx)["考核排名"], row => row.Contains("gaoqiao-town") && row.Contains("高桥镇人民政府"));

            await page.GetByRole(AriaRole.Button, new() { Name = "确定最终结果" }).ClickAsync();
            await page.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "确认" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("console-done")).ToContainTextAsync("本年度考核结果已确定");
            await Assertions.Expect(table).ToContainTextAsync("最终结果");
            await Assertions.Expect(page.GetByTestId("compute")).ToHaveCountAsync(0); // nothing changes any more
        }
        catch
        {
            await PortalPages.ScreenshotAsync(page, "console-scores-failure");
            throw;
        }

        var unitPage = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(unitPage, $"/console/score?year={Year}", "gaoqiao.admin");
        await Assertions.Expect(unitPage.GetByTestId("score-card")).ToContainTextAsync("最终结果");
        await Assertions.Expect(unitPage.Locator("tr[data-criterion=PlanOnTime]")).ToContainTextAsync("未报备年度计划");

        var staffPage = await browser.NewConsolePageAsync(stack);
        await ConsoleTests.SignInAsync(staffPage, "/console", "gaoqiao.staff");
        var forbidden = await staffPage.GotoAsync($"/console/county/scores?year={Year}");
        Assert.Equal(403, forbidden!.Status);
        await Assertions.Expect(staffPage.Locator("[data-testid=forbidden] h1")).ToHaveTextAsync("403 · 无权访问");
    }
}
