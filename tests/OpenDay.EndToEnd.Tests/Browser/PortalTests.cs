using Microsoft.Playwright;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests.Browser;

/// <summary>
/// The public site (services/OpenDay.Portal) in a real browser, through the gateway at /, as a resident uses it:
/// find an open day, sign up on a phone, follow and withdraw, answer an invitation; the staff side is checked over the API.
/// </summary>
[Collection(StackCollection.Name)]
public class PortalTests(OpenDayStack stack, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private readonly Clients _unit = new(stack, "gaoqiao.admin");

    public static TheoryData<int, int> Sizes => new() { { 390, 844 }, { 1280, 900 } };

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_resident_finds_an_open_day_by_a_filter_signs_up_follows_and_withdraws(int width, int height)
    {
        var title = $"走进高桥镇便民服务中心{Guid.NewGuid().ToString("N")[..6]}";
        var eventId = await OpenEvents.CreateAsync(_unit, title: title);
        var person = People.Next("王");
        var page = await browser.NewPageAsync(stack, (width, height));

        // Home: the filters find it by its name and its form (进机关).
        var home = await page.GotoAsync("/");
        Assert.Equal(200, home!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("近期开放活动");
        await PortalPages.AssertFitsAsync(page);
        await PortalPages.ScreenshotAsync(page, "home");
        await page.Locator("details.filter-card summary").ClickAsync();
        await page.Locator("#q").FillAsync(title);
        await page.Locator("#form").SelectOptionAsync("VisitOffices");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        var card = page.Locator("article.event-card", new() { HasText = title });
        await Assertions.Expect(card).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".result-count")).ToContainTextAsync("共 1 场活动");
        Assert.Contains("form=VisitOffices", page.Url);

        // The event page: unit, time in China's way of writing it, and sign-up open.
        await card.Locator("a.event-link").ClickAsync();
        await page.WaitForURLAsync($"**/events/{eventId}");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".event-facts")).ToContainTextAsync("高桥镇");
        await Assertions.Expect(page.Locator(".event-facts")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"\d{4}年\d{1,2}月\d{1,2}日 星期[一二三四五六日] \d{2}:\d{2}"));
        await Assertions.Expect(page.Locator(".signup-state")).ToContainTextAsync("社会报名进行中");
        await PortalPages.AssertFitsAsync(page);
        await PortalPages.ScreenshotAsync(page, "event");

        // Sign-up with valid data.
        await page.GetByRole(AriaRole.Link, new() { Name = "我要报名" }).ClickAsync();
        await page.WaitForURLAsync($"**/events/{eventId}/signup");
        await FillSignUpAsync(page, person.Name, person.Mobile, person.IdNumber, person.WorkUnit);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交报名" }).ClickAsync();
        var code = (await page.Locator("#reference-code").TextContentAsync())!.Trim();
        Assert.Matches("^[0-9a-f]{32}$", code);
        await Assertions.Expect(page.Locator(".signup-done img.qr-code")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/png;base64,"));
        Assert.True(await page.Locator(".signup-done img.qr-code").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "the QR code did not render");
        await Assertions.Expect(page.Locator(".signup-done")).ToContainTextAsync(person.IdNumber[..4] + "**********" + person.IdNumber[^4..]);
        await PortalPages.AssertNoFullNumbersAsync(page, person.IdNumber, person.Mobile);
        await PortalPages.AssertFitsAsync(page);
        await PortalPages.ScreenshotAsync(page, "signup-done");

        // Follow it by its code, then withdraw it.
        await page.GetByRole(AriaRole.Link, new() { Name = "查询或撤回报名" }).ClickAsync();
        await page.Locator("#code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#application-status")).ToHaveTextAsync("已提交，等待审核");
        await Assertions.Expect(page.Locator("h2", new() { HasText = title })).ToHaveCountAsync(1);
        await PortalPages.AssertNoFullNumbersAsync(page, person.IdNumber, person.Mobile);
        await PortalPages.AssertFitsAsync(page);
        await page.Locator("#confirm").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "撤回报名" }).ClickAsync();
        await Assertions.Expect(page.Locator("#withdraw-done")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#application-status")).ToHaveTextAsync("已撤回");
        await PortalPages.AssertNoFullNumbersAsync(page, person.IdNumber, person.Mobile);

        // The unit's staff see the withdrawal.
        var applications = await _unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await _unit.Call());
        var application = Assert.Single(applications.Applications);
        Assert.Equal(ParticipantStatus.Withdrawn, application.Status);
        Assert.Equal(code, application.Code);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public async Task A_wrong_id_check_character_a_short_mobile_and_no_name_are_refused_beside_each_field_and_nothing_is_written(int width, int height)
    {
        var eventId = await OpenEvents.CreateAsync(_unit, title: "报名校验开放日");
        var person = People.Next();
        var page = await browser.NewPageAsync(stack, (width, height));
        await page.GotoAsync($"/events/{eventId}/signup");

        await FillSignUpAsync(page, "", person.Mobile[..10], People.WithWrongCheckCharacter(person.IdNumber), person.WorkUnit);
        await page.GetByRole(AriaRole.Button, new() { Name = "提交报名" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(3);

        foreach (var (input, field, words) in new[] { ("#name", "name", "姓名"), ("#mobile", "mobile", "手机号"), ("#id-number", "id_number", "校验码") })
        {
            var message = page.Locator($".field-error[data-field='{field}']");
            var text = (await message.TextContentAsync())!;
            Assert.True(PortalPages.IsChinese(text) && text.Contains(words), $"{field}: '{text}' is not the Chinese message about {words}");
            // Beside its own field: in the field's group, just below its input, and announced with it.
            Assert.True(await message.EvaluateAsync<bool>($"(e, id) => e.parentElement.contains(document.querySelector(id))", input), $"{field}'s message is not in its field's group");
            var inputBox = (await page.Locator(input).BoundingBoxAsync())!;
            var messageBox = (await message.BoundingBoxAsync())!;
            Assert.InRange(messageBox.Y - (inputBox.Y + inputBox.Height), 0, 80);
            await Assertions.Expect(page.Locator(input)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
            Assert.Contains($"{(await message.GetAttributeAsync("id"))}", (await page.Locator(input).GetAttributeAsync("aria-describedby"))!);
        }
        // The fields the server did not name stay unmarked.
        await Assertions.Expect(page.Locator("#work-unit")).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-invalid"));
        await PortalPages.AssertFitsAsync(page);
        await PortalPages.ScreenshotAsync(page, "signup-errors");

        var applications = await _unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await _unit.Call());
        Assert.Equal(0, applications.TotalSize);
    }

    [Fact]
    public async Task An_invitation_code_opens_the_invitation_declining_shows_it_declined_and_an_unknown_code_is_a_404_page()
    {
        var eventId = await OpenEvents.CreateAsync(_unit, title: "定向邀请开放日");
        var invitee = People.Next("赵");
        var invitation = await _unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = invitee.Name, Mobile = invitee.Mobile, Category = ParticipantCategory.NpcDeputy,
        }, await _unit.Call());
        var page = await browser.NewPageAsync(stack, BrowserFixture.Phone);

        var opened = await page.GotoAsync($"/invitations/{invitation.Code}");
        Assert.Equal(200, opened!.Status);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(invitee.Name);
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("定向邀请开放日");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("人大代表");
        await Assertions.Expect(page.Locator("#invitation-status")).ToHaveTextAsync("待答复");
        await PortalPages.AssertNoFullNumbersAsync(page, invitee.Mobile);
        await PortalPages.AssertFitsAsync(page);
        await PortalPages.ScreenshotAsync(page, "invitation");

        await page.GetByRole(AriaRole.Button, new() { Name = "谢绝邀请" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invitation-status")).ToHaveTextAsync("已谢绝邀请");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "谢绝邀请" })).ToHaveCountAsync(0);
        var invitations = await _unit.Registrations.ListInvitationsAsync(new ListInvitationsRequest { EventId = eventId }, await _unit.Call());
        Assert.Equal(ParticipantStatus.Declined, Assert.Single(invitations.Invitations).Status);

        foreach (var unknown in new[] { Guid.NewGuid().ToString("N"), "not-a-code" })
        {
            var missing = await page.GotoAsync($"/invitations/{unknown}");
            Assert.Equal(404, missing!.Status);
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("没有找到这个页面");
        }
        await PortalPages.AssertFitsAsync(page);
        await PortalPages.ScreenshotAsync(page, "not-found");
    }

    [Fact]
    public async Task Accepting_an_invitation_takes_the_id_number_and_shows_it_only_masked()
    {
        var eventId = await OpenEvents.CreateAsync(_unit, title: "接受邀请开放日");
        var invitee = People.Next("钱");
        var invitation = await _unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = invitee.Name, Mobile = invitee.Mobile, Category = ParticipantCategory.CppccMember,
        }, await _unit.Call());
        var page = await browser.NewPageAsync(stack, BrowserFixture.Phone);
        await page.GotoAsync($"/invitations/{invitation.Code}");

        // A wrong check character first: the Chinese message beside the field, nothing accepted.
        await page.Locator("#id-number").FillAsync(People.WithWrongCheckCharacter(invitee.IdNumber));
        await page.GetByRole(AriaRole.Button, new() { Name = "接受邀请" }).ClickAsync();
        await Assertions.Expect(page.Locator(".field-error[data-field='id_number']")).ToContainTextAsync("校验码");
        await Assertions.Expect(page.Locator("#invitation-status")).ToHaveTextAsync("待答复");

        await page.Locator("#id-number").FillAsync(invitee.IdNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "接受邀请" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invitation-status")).ToHaveTextAsync("已接受邀请");
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
        await PortalPages.AssertNoFullNumbersAsync(page, invitee.IdNumber, invitee.Mobile);
        var roster = await _unit.Registrations.GetRosterAsync(new GetRosterRequest { EventId = eventId }, await _unit.Call());
        Assert.Equal(1, roster.Confirmed);
    }

    [Fact]
    public async Task Draft_and_cancelled_events_are_not_on_the_site()
    {
        var draft = await _unit.Events.CreateEventAsync(EventRequests.New("草稿开放日", new DateTime(OpenDayStack.SignUpYear, 10, 8, 1, 0, 0, DateTimeKind.Utc)), await _unit.Call());
        var cancelledTitle = $"取消开放日{Guid.NewGuid().ToString("N")[..6]}";
        var cancelled = await OpenEvents.CreateAsync(_unit, title: cancelledTitle);
        await _unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = cancelled, Status = EventStatus.Cancelled, Reason = "场地检修" }, await _unit.Call());
        var page = await browser.NewPageAsync(stack, BrowserFixture.Desktop);

        foreach (var id in new[] { draft.Id, cancelled })
        {
            foreach (var path in new[] { $"/events/{id}", $"/events/{id}/signup", $"/events/{id}/print" })
            {
                var response = await page.GotoAsync(path);
                Assert.True(response!.Status == 404, $"{path} answered {response.Status}");
                await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("没有找到这个页面");
            }
            using var gateway = stack.Gateway();
            using var calendar = await gateway.GetAsync($"/events/{id}/calendar.ics");
            Assert.Equal(HttpStatusCode.NotFound, calendar.StatusCode);
        }
        await page.GotoAsync($"/?q={Uri.EscapeDataString(cancelledTitle)}");
        await Assertions.Expect(page.Locator(".result-count")).ToContainTextAsync("共 0 场活动");
        await Assertions.Expect(page.Locator(".empty-state")).ToBeVisibleAsync();
        await PortalPages.ScreenshotAsync(page, "no-results");
    }

    private static async Task FillSignUpAsync(IPage page, string name, string mobile, string idNumber, string workUnit)
    {
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#mobile").FillAsync(mobile);
        await page.Locator("#id-number").FillAsync(idNumber);
        await page.Locator("#work-unit").FillAsync(workUnit);
        await page.Locator("#category").SelectOptionAsync(nameof(ParticipantCategory.PublicRepresentative));
    }
}
