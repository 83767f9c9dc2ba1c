using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using Inspection = OpenDay.Assessment.Domain.Inspection;

namespace OpenDay.Assessment.Tests;

/// <summary>Inspections (§六(四)): problems found need a rectification and a due date; on time means by the due date.</summary>
public class InspectionRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static RecordInspectionRequest Request(InspectionRating rating, string rectification = "", int days = 0) => new()
    {
        UnitCode = "gaoqiao-town", InspectedOn = "2026-11-20", Kind = InspectionKind.SiteVisit, Findings = "公开栏未更新", Rating = rating,
        RectificationRequired = rectification, RectificationWorkingDays = days,
    };

    [Fact]
    public void Problems_found_need_what_to_rectify_and_working_days()
    {
        Assert.True(InspectionRules.CheckRecord(new FieldViolations(), Request(InspectionRating.ProblemsFound, "更新公开栏", 10), new DateOnly(2026, 11, 20), Today).IsValid);
        Assert.False(InspectionRules.CheckRecord(new FieldViolations(), Request(InspectionRating.ProblemsFound), new DateOnly(2026, 11, 20), Today).IsValid);
        Assert.False(InspectionRules.CheckRecord(new FieldViolations(), Request(InspectionRating.Good, "更新公开栏", 10), new DateOnly(2026, 11, 20), Today).IsValid);
        Assert.True(InspectionRules.CheckRecord(new FieldViolations(), Request(InspectionRating.Good), new DateOnly(2026, 11, 20), Today).IsValid);
    }

    [Fact]
    public void An_inspection_in_the_future_is_refused() =>
        Assert.False(InspectionRules.CheckRecord(new FieldViolations(), Request(InspectionRating.Good), Today.AddDays(1), Today).IsValid);

    [Theory]
    [InlineData("2026-11-30", "2026-11-30", true)]
    [InlineData("2026-11-30", "2026-12-01", false)]
    [InlineData("2026-11-30", null, false)]
    public void On_time_means_on_or_before_the_due_date(string due, string? rectified, bool onTime) =>
        Assert.Equal(onTime, InspectionRules.RectifiedOnTime(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            rectified is null ? null : DateOnly.Parse(rectified, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Only_an_open_problem_takes_a_rectification()
    {
        var good = new Inspection { Findings = "好", Rating = InspectionRating.Good };
        var open = new Inspection { Findings = "问题", Rating = InspectionRating.ProblemsFound, RectificationDueOn = Today };
        var done = new Inspection { Findings = "问题", Rating = InspectionRating.ProblemsFound, RectificationDueOn = Today, RectifiedOn = Today };
        Assert.NotNull(InspectionRules.RectificationRefusal(good));
        Assert.Null(InspectionRules.RectificationRefusal(open));
        Assert.True(open.IsOpen);
        Assert.NotNull(InspectionRules.RectificationRefusal(done));
        Assert.False(done.IsOpen);
        Assert.True(done.RectifiedOnTime);
    }
}
