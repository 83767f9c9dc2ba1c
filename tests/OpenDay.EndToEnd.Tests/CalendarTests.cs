using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Rpc;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>The working-day calendar through the gateway: the county office keeps it, every deadline reads it.</summary>
[Collection(StackCollection.Name)]
public class CalendarTests(OpenDayStack stack)
{
    [Fact]
    public async Task The_notices_report_deadline_comes_from_the_seeded_official_calendar()
    {
        using var client = stack.Gateway();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await stack.Tokens.For("gaoqiao.staff"));
        var deadline = await client.GetFromJsonAsync<JsonElement>("/api/v1/events/calendar/working-days?date=2023-09-28&workingDays=5");
        Assert.Equal("2023-10-11", deadline.GetProperty("date").GetString());

        var year = await client.GetFromJsonAsync<JsonElement>("/api/v1/events/calendar/2023");
        var days = year.GetProperty("days").EnumerateArray().ToDictionary(d => d.GetProperty("date").GetString()!, d => d.GetProperty("kind").GetString());
        Assert.Equal("CALENDAR_DAY_KIND_MAKE_UP_WORKDAY", days["2023-10-07"]);
        Assert.Equal("CALENDAR_DAY_KIND_HOLIDAY", days["2023-10-02"]);
    }

    [Fact]
    public async Task The_county_admin_enters_a_new_year_and_deadlines_follow_it()
    {
        var county = new Clients(stack, "county.admin");
        await county.Events.SetCalendarYearAsync(Calendars.StatutoryYear(2030,
            new CalendarDay { Date = "2030-10-01", Kind = CalendarDayKind.Holiday, Name = "国庆节" },
            new CalendarDay { Date = "2030-10-02", Kind = CalendarDayKind.Holiday, Name = "国庆节" },
            new CalendarDay { Date = "2030-10-12", Kind = CalendarDayKind.MakeUpWorkday, Name = "国庆节调休" }), await county.Call());

        var staff = new Clients(stack, "gaoqiao.staff");
        // Monday 2030-09-30; Tuesday and Wednesday off; Thursday 10-03 is the first working day after.
        Assert.Equal("2030-10-03", (await staff.Events.AddWorkingDaysAsync(new AddWorkingDaysRequest { Date = "2030-09-30", WorkingDays = 1 }, await staff.Call())).Date);
        // Friday 10-11, then the make-up Saturday 10-12.
        Assert.Equal("2030-10-12", (await staff.Events.AddWorkingDaysAsync(new AddWorkingDaysRequest { Date = "2030-10-10", WorkingDays = 2 }, await staff.Call())).Date);
    }

    [Fact]
    public async Task A_year_nobody_entered_gives_no_deadline_and_says_why()
    {
        var staff = new Clients(stack, "gaoqiao.staff");
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await staff.Events.AddWorkingDaysAsync(new AddWorkingDaysRequest { Date = "2031-06-02", WorkingDays = 1 }, await staff.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("2031", error.Status.Detail);
    }

    [Fact]
    public async Task Only_the_county_admin_changes_the_calendar_and_bad_days_are_refused_whole()
    {
        var unitAdmin = new Clients(stack, "gaoqiao.admin");
        var denied = await Assert.ThrowsAsync<RpcException>(async () =>
            await unitAdmin.Events.SetCalendarYearAsync(new CalendarYear { Year = 2032 }, await unitAdmin.Call()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        var county = new Clients(stack, "county.admin");
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await county.Events.SetCalendarYearAsync(new CalendarYear
        {
            Year = 2032,
            Days =
            {
                new CalendarDay { Date = "2032-10-01", Kind = CalendarDayKind.Holiday, Name = "国庆节" },
                new CalendarDay { Date = "2032-10-13", Kind = CalendarDayKind.MakeUpWorkday, Name = "调休" }, // a Wednesday
                new CalendarDay { Date = "2033-01-01", Kind = CalendarDayKind.Holiday, Name = "元旦" },       // another year
            },
        }, await county.Call()));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(["days[1].date", "days[2].date"], invalid.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));

        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await county.Events.GetCalendarYearAsync(new GetCalendarYearRequest { Year = 2032 }, await county.Call()));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_year_without_its_statutory_holidays_is_refused_and_nothing_is_written()
    {
        var county = new Clients(stack, "county.admin");
        var empty = await Assert.ThrowsAsync<RpcException>(async () =>
            await county.Events.SetCalendarYearAsync(new CalendarYear { Year = 2033 }, await county.Call()));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Equal("days", empty.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field);
        Assert.Contains("元旦", empty.Status.Detail);

        var withoutDragonBoat = Calendars.StatutoryYear(2033);
        withoutDragonBoat.Days.Remove(withoutDragonBoat.Days.Where(d => d.Name == "端午节").ToList()[0]);
        var lacking = await Assert.ThrowsAsync<RpcException>(async () => await county.Events.SetCalendarYearAsync(withoutDragonBoat, await county.Call()));
        Assert.Contains("端午", lacking.Status.Detail);

        var tooFew = Calendars.StatutoryYear(2033);
        foreach (var day in tooFew.Days.Where(d => d.Name == "春节").Skip(1).ToList()) tooFew.Days.Remove(day);
        var few = await Assert.ThrowsAsync<RpcException>(async () => await county.Events.SetCalendarYearAsync(tooFew, await county.Call()));
        Assert.Contains("13", few.Status.Detail); // 2033: 13 days off by law

        var notWritten = await Assert.ThrowsAsync<RpcException>(async () =>
            await county.Events.GetCalendarYearAsync(new GetCalendarYearRequest { Year = 2033 }, await county.Call()));
        Assert.Equal(StatusCode.NotFound, notWritten.StatusCode);
    }
}
