using OpenDay.Assessment.Domain;
using OpenDay.Events.Domain;

namespace OpenDay.Assessment.Tests;

/// <summary>
/// §六(三) on the official calendar the events service keeps (its source linked here, seeded with the State Council's
/// 2026 schedule: 10-01…10-07 off, Saturday 10-10 worked), and §五(四)'s opinion deadline.
/// </summary>
public class ReportRulesTests
{
    /// <summary>The calendar as the events service answers it over gRPC, without the network.</summary>
    private sealed class OfficialWorkingDays : IWorkingDays
    {
        public Task<DateOnly> AddAsync(DateOnly date, int workingDays, CancellationToken cancellationToken) =>
            Task.FromResult(OfficialCalendars.Calendar.AddWorkingDays(date, workingDays));

        public Task<int> CountAsync(DateOnly after, DateOnly upTo, CancellationToken cancellationToken) =>
            Task.FromResult(OfficialCalendars.Calendar.CountWorkingDays(after, upTo));

        public Task<IReadOnlyDictionary<DateOnly, int>> CountManyAsync(IReadOnlyCollection<DateOnly> after, DateOnly upTo, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<DateOnly, int>>(after.Distinct().ToDictionary(d => d, d => OfficialCalendars.Calendar.CountWorkingDays(d, upTo)));
    }

    private static readonly IWorkingDays Calendar = new OfficialWorkingDays();

    [Fact]
    public async Task An_event_ending_Friday_2026_10_09_reports_by_2026_10_15_not_by_a_weekday_count()
    {
        var due = await ReportDeadline.DueOnAsync(new DateOnly(2026, 10, 9), 5, Calendar, default);
        Assert.Equal(new DateOnly(2026, 10, 15), due); // Saturday 10-10 is a make-up working day; a weekday count says 10-16
    }

    [Theory]
    [InlineData("2026-10-14", false, 0)]
    [InlineData("2026-10-15", false, 0)] // on the deadline: on time
    [InlineData("2026-10-16", true, 1)]  // the day after: one working day late
    [InlineData("2026-10-19", true, 2)]  // the weekend between does not count
    public async Task A_late_publication_is_flagged_with_its_working_days(string publishedOn, bool late, int workingDaysLate)
    {
        var due = new DateOnly(2026, 10, 15);
        var on = DateOnly.Parse(publishedOn);
        Assert.Equal(late, ReportDeadline.IsLate(due, on));
        Assert.Equal(workingDaysLate, await ReportDeadline.WorkingDaysLateAsync(due, on, Calendar, default));

        var report = new Report { EventTitle = "开放日", Summary = "概况", DueOn = due };
        report.Publish(DateTimeOffset.UtcNow, on, workingDaysLate);
        Assert.Equal((late, workingDaysLate), (report.Late, report.WorkingDaysLate));
    }

    [Fact]
    public async Task An_opinion_raised_2026_09_30_is_due_15_working_days_later_by_the_official_calendar()
    {
        var due = await OpinionDeadline.DueOnAsync(new DateOnly(2026, 9, 30), 15, Calendar, default);
        // 10-08, 10-09, 10-10 (Sat), 10-12 … 10-16, 10-19 … 10-23, 10-26, 10-27; a weekday count would say 10-21.
        Assert.Equal(new DateOnly(2026, 10, 27), due);
    }

    [Theory]
    [InlineData("2026-10-27", false, "2026-10-27", false)]
    [InlineData("2026-10-27", false, "2026-10-28", true)]
    [InlineData("2026-10-27", true, "2026-11-30", false)] // answered: never overdue
    public void Overdue_is_past_the_due_date_and_not_answered(string due, bool answered, string today, bool overdue) =>
        Assert.Equal(overdue, OpinionDeadline.IsOverdue(DateOnly.Parse(due), answered, DateOnly.Parse(today)));

    [Fact]
    public void A_correction_keeps_what_it_replaced()
    {
        var report = new Report { EventTitle = "开放日", Summary = "参加人数28人", DueOn = new DateOnly(2026, 10, 15) };
        report.Correct("参加人数26人", "人数更正", "gaoqiao.admin", DateTimeOffset.UtcNow);
        Assert.Equal("参加人数26人", report.Summary);
        Assert.Equal(("人数更正", "参加人数28人"), (report.Corrections.Single().Note, report.Corrections.Single().PreviousSummary));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0 }, "image/webp")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, null)] // %PDF-1
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)] // RIFF WAVE: audio
    [InlineData(new byte[0], null)]
    public void Only_images_are_accepted_by_their_own_bytes(byte[] content, string? contentType) =>
        Assert.Equal(contentType, ReportPhotos.ContentTypeOf(content));
}
