using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>What every browser test checks on a page, and where its screenshots go.</summary>
public static partial class PortalPages
{
    /// <summary>artifacts/screenshots at the repository root (gitignored); README's docs/screenshots are copies of these.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var width = page.ViewportSize?.Width ?? 0;
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(ScreenshotDirectory, $"{name}-{(width < 500 ? "phone" : "desktop")}.png"),
            FullPage = true,
        });
    }

    /// <summary>Nothing is wider than the screen: no sideways scrolling on a phone.</summary>
    public static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"{page.Url} is {overflow}px wider than the {page.ViewportSize?.Width}px screen");
        var wide = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className).slice(0, 5)");
        Assert.True(wide.Length == 0, $"{page.Url}: elements beyond the right edge: {string.Join(", ", wide)}");
    }

    /// <summary>The page's visible text and markup hold neither number in full (only masks such as 3713**********1234).</summary>
    public static async Task AssertNoFullNumbersAsync(IPage page, params string[] numbers)
    {
        var html = await page.ContentAsync();
        foreach (var number in numbers) Assert.DoesNotContain(number, html);
    }

    /// <summary>Clicks the link and waits for the file the browser downloads: its suggested name and its bytes.</summary>
    public static async Task<(string Name, byte[] Data)> DownloadAsync(IPage page, string linkText)
    {
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = linkText, Exact = true }).ClickAsync());
        var failure = await download.FailureAsync();
        Assert.True(failure is null, $"{linkText}: the download failed ({failure})");
        return (download.SuggestedFilename, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    public static bool IsChinese(string text) => ChineseRegex().IsMatch(text);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex ChineseRegex();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenDay.sln"))) directory = directory.Parent;
        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
