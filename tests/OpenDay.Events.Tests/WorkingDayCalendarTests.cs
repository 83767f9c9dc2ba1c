using OpenDay.Events.Domain;

namespace OpenDay.Events.Tests;

/// <summary>"N working days after D" against the State Council's published schedules for every seeded year.</summary>
public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = OfficialCalendars.Calendar;

    [Theory]
    // The notice's own case: an activity ending 2023-09-28 reports by 2023-10-11 (09-29…10-06 off; Sat 10-07 and Sun 10-08 worked).
    [InlineData("2023-09-28", 5, "2023-10-11")]
    [InlineData("2023-10-06", 1, "2023-10-07")] // a make-up Saturday counts
    [InlineData("2023-10-07", 1, "2023-10-08")] // and the make-up Sunday after it
    [InlineData("2023-01-20", 1, "2023-01-28")] // 春节 2023: 01-21…01-27 off, Saturday 01-28 worked
    [InlineData("2023-06-21", 1, "2023-06-25")] // 端午 2023: 06-22…06-24 off, Sunday 06-25 worked
    [InlineData("2024-02-08", 2, "2024-02-18")] // 春节 2024: Friday 02-09, then 02-10…02-17 off, Sunday 02-18 worked
    [InlineData("2024-04-03", 1, "2024-04-07")] // 清明 2024: 04-04…04-06 off, Sunday 04-07 worked
    [InlineData("2024-09-27", 1, "2024-09-29")] // 国庆 2024: Sunday 09-29 worked
    [InlineData("2024-09-30", 1, "2024-10-08")] // 国庆 2024: 10-01…10-07 off
    [InlineData("2025-01-24", 1, "2025-01-26")] // 春节 2025: Sunday 01-26 worked
    [InlineData("2025-09-26", 6, "2025-10-11")] // 2025: 09-28 (Sun), 09-29, 09-30, 10-09, 10-10, 10-11 (Sat)
    [InlineData("2025-12-31", 1, "2026-01-04")] // 元旦 2026: 01-01…01-03 off, Sunday 01-04 worked
    [InlineData("2026-02-13", 1, "2026-02-14")] // 春节 2026: Saturday 02-14 worked
    [InlineData("2026-02-14", 1, "2026-02-24")] // then 02-15…02-23 off
    [InlineData("2026-09-18", 1, "2026-09-20")] // 国庆 2026: Sunday 09-20 worked
    [InlineData("2026-09-30", 5, "2026-10-13")] // 10-01…10-07 off; 10-08, 10-09, 10-10 (Sat), 10-12, 10-13
    [InlineData("2026-11-27", 1, "2026-11-30")] // an ordinary weekend
    [InlineData("2026-11-27", 0, "2026-11-27")]
    public void Working_days_after_a_date_follow_the_official_calendar(string from, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), Calendar.AddWorkingDays(DateOnly.Parse(from), days));

    [Theory]
    [InlineData("2023-10-01", false)] // National Day
    [InlineData("2023-10-07", true)]  // make-up Saturday
    [InlineData("2024-05-11", true)]  // make-up Saturday
    [InlineData("2025-10-08", false)] // the eighth day of 2025's long holiday
    [InlineData("2026-05-09", true)]
    [InlineData("2026-06-19", false)] // 端午 2026
    [InlineData("2026-11-28", false)] // an ordinary Saturday
    public void A_day_is_a_working_day_by_the_calendar_not_by_the_weekday_alone(string date, bool working) =>
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date)));

    [Fact]
    public void A_deadline_in_a_year_nobody_entered_is_an_error_not_a_guess()
    {
        var error = Assert.Throws<CalendarYearMissingException>(() => Calendar.AddWorkingDays(new DateOnly(2026, 12, 31), 1));
        Assert.Equal(2027, error.Year);
    }

    [Fact]
    public void Every_seeded_year_has_its_national_day_holiday()
    {
        foreach (var year in OfficialCalendars.Years)
        {
            Assert.False(Calendar.IsWorkingDay(new DateOnly(year, 10, 2)), $"{year}-10-02");
        }
    }
}

/// <summary>How many working days late: the inverse of "N working days after", on the same official calendar.</summary>
public class WorkingDayCountTests
{
    private static readonly WorkingDayCalendar Calendar = OfficialCalendars.Calendar;

    [Theory]
    [InlineData("2026-10-15", "2026-10-15", 0)] // on the deadline: not late
    [InlineData("2026-10-15", "2026-10-14", 0)] // before it
    [InlineData("2026-10-15", "2026-10-16", 1)] // the day after: one working day late
    [InlineData("2026-10-16", "2026-10-19", 1)] // a weekend does not count
    [InlineData("2026-09-30", "2026-10-09", 2)] // 10-01…10-07 off: 10-08 and 10-09
    [InlineData("2026-10-09", "2026-10-10", 1)] // Saturday 10-10 is a make-up working day
    [InlineData("2026-10-09", "2026-10-15", 5)] // the report deadline of an event ending 10-09 is 5 working days on
    public void Working_days_between_two_dates_follow_the_official_calendar(string after, string upTo, int expected) =>
        Assert.Equal(expected, Calendar.CountWorkingDays(DateOnly.Parse(after), DateOnly.Parse(upTo)));

    [Fact]
    public void Counting_undoes_adding() =>
        Assert.All(Enumerable.Range(0, 30), n =>
            Assert.Equal(n, Calendar.CountWorkingDays(new DateOnly(2026, 9, 25), Calendar.AddWorkingDays(new DateOnly(2026, 9, 25), n))));
}
