using System.Diagnostics;
using Microsoft.Playwright;
using OpenDay.EndToEnd.Tests.Infrastructure;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>
/// Debian's chromium (eng/prerequisites.sh installs it), driven by Playwright's bundled driver: never Playwright's own
/// browser download, which these machines cannot reach. One browser for a test class; each test opens its own context.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly (int Width, int Height) Phone = (390, 844);
    public static readonly (int Width, int Height) Desktop = (1280, 900);

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>A fresh context (cookies, storage) at the given size, with Chinese as the browser's language.</summary>
    /// <summary>
    /// A console page (desktop) in a fresh context, patient with a loaded machine: each step is a round trip through
    /// the server circuit.
    /// </summary>
    public async Task<IPage> NewConsolePageAsync(OpenDayStack stack)
    {
        Assertions.SetDefaultExpectTimeout(60_000);
        var page = await NewPageAsync(stack, Desktop);
        page.Context.SetDefaultTimeout(90_000);
        page.Context.SetDefaultNavigationTimeout(90_000);
        return page;
    }

    public async Task<IPage> NewPageAsync(OpenDayStack stack, (int Width, int Height) size)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = stack.GatewayUrl.ToString(),
            ViewportSize = new ViewportSize { Width = size.Width, Height = size.Height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            IsMobile = size.Width < 500,
            HasTouch = size.Width < 500,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private static string ChromiumPath()
    {
        using var which = Process.Start(new ProcessStartInfo("sh", ["-c", "command -v chromium"]) { RedirectStandardOutput = true })!;
        var path = which.StandardOutput.ReadToEnd().Trim();
        which.WaitForExit();
        return path.Length > 0 ? path : throw new InvalidOperationException(
            "chromium is not installed: run eng/prerequisites.sh (it installs Debian's chromium and fonts-noto-cjk).");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
