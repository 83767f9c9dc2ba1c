using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;
using OpenDay.Events.V1;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using CalendarDay = OpenDay.Events.V1.CalendarDay;
using CalendarDayKind = OpenDay.Events.V1.CalendarDayKind;
using DomainDayKind = OpenDay.Events.Domain.CalendarDayKind;

namespace OpenDay.Events.Grpc;

/// <summary>The working-day calendar's RPCs (the county office keeps it; every deadline reads it).</summary>
public partial class EventsGrpcService
{
    private const int MaxWorkingDays = 60;

    public override async Task<CalendarYear> GetCalendarYear(GetCalendarYearRequest request, ServerCallContext context)
    {
        if (!await db.CalendarYears.AnyAsync(y => y.Year == request.Year, context.CancellationToken))
        {
            throw RpcErrors.NotFound("calendar year", request.Year.ToString(CultureInfo.InvariantCulture));
        }
        var (first, last) = (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
        var days = await db.CalendarDays.AsNoTracking()
            .Where(d => d.Date >= first && d.Date <= last)
            .OrderBy(d => d.Date)
            .ToListAsync(context.CancellationToken);
        return new CalendarYear { Year = request.Year, Days = { days.Select(ToMessage) } };
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<CalendarYear> SetCalendarYear(CalendarYear request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Year(request.Year);
        var days = new List<CalendarDayRecord>();
        for (var i = 0; i < request.Days.Count; i++)
        {
            var day = request.Days[i];
            var field = $"days[{i}]";
            var parsed = WireDate.TryParse(day.Date, out var date);
            violations
                .Check(parsed && date.Year == request.Year, $"{field}.date", $"{field}.date must be a date of {request.Year} in the form yyyy-MM-dd.")
                .Check(day.Kind is CalendarDayKind.Holiday or CalendarDayKind.MakeUpWorkday, $"{field}.kind", $"{field}.kind must be holiday or make-up working day.")
                .Required(day.Name, $"{field}.name", 50)
                .Check(day.Kind != CalendarDayKind.MakeUpWorkday || !parsed || date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday,
                    $"{field}.date", $"{field}.date: a make-up working day is a Saturday or a Sunday.")
                .Check(!parsed || days.All(d => d.Date != date), $"{field}.date", $"{field}.date appears twice.");
            if (parsed) days.Add(new CalendarDayRecord { Date = date, Kind = (DomainDayKind)day.Kind, Name = day.Name.Trim() });
        }
        if (violations.IsValid)
        {
            var problem = StatutoryHolidays.Problem(request.Year, days.Select(d => new Domain.CalendarDay(d.Date, d.Kind, d.Name)).ToList());
            violations.Check(problem is null, "days", problem ?? "");
        }
        violations.ThrowIfAny();

        // One SaveChanges: the year is replaced whole, or not at all.
        var (first, last) = (new DateOnly(request.Year, 1, 1), new DateOnly(request.Year, 12, 31));
        db.CalendarDays.RemoveRange(await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToListAsync(context.CancellationToken));
        db.CalendarDays.AddRange(days);
        var year = await db.CalendarYears.SingleOrDefaultAsync(y => y.Year == request.Year, context.CancellationToken);
        if (year is null) db.CalendarYears.Add(year = new CalendarYearRecord { Year = request.Year });
        year.UpdatedBy = caller.UserName ?? "";
        year.UpdatedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(context.CancellationToken);
        return new CalendarYear { Year = request.Year, Days = { days.OrderBy(d => d.Date).Select(ToMessage) } };
    }

    public override async Task<AddWorkingDaysResponse> AddWorkingDays(AddWorkingDaysRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Date(request.Date, "date", out var date)
            .Check(request.WorkingDays is >= 0 and <= MaxWorkingDays, "working_days", $"working_days must be between 0 and {MaxWorkingDays}.")
            .ThrowIfAny();
        var calendar = await db.LoadCalendarAsync(context.CancellationToken);
        try
        {
            return new AddWorkingDaysResponse
            {
                Date = calendar.AddWorkingDays(date, request.WorkingDays).ToWire(),
            };
        }
        catch (CalendarYearMissingException e)
        {
            throw RpcErrors.FailedPrecondition(e.Year.ToString(CultureInfo.InvariantCulture), "CALENDAR_YEAR_MISSING",
                $"{e.Year} 年的工作日日历尚未录入。{e.Message}");
        }
    }

    private const int MaxCountDates = 1000;
    private const int MaxCountSpanDays = 3660;

    public override async Task<CountWorkingDaysResponse> CountWorkingDays(CountWorkingDaysRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Check(request.FromDates.Count is >= 1 and <= MaxCountDates, "from_dates", $"from_dates must hold 1 to {MaxCountDates} dates.")
            .Date(request.ToDate, "to_date", out var to);
        var from = new List<DateOnly>(request.FromDates.Count);
        for (var i = 0; i < request.FromDates.Count; i++)
        {
            violations.Date(request.FromDates[i], $"from_dates[{i}]", out var date)
                .Check(to.DayNumber - date.DayNumber <= MaxCountSpanDays, $"from_dates[{i}]", "from_dates must be at most ten years before to_date.");
            from.Add(date);
        }
        violations.ThrowIfAny();
        var calendar = await db.LoadCalendarAsync(context.CancellationToken);
        return new CountWorkingDaysResponse { WorkingDays = { from.Select(after => CountOrRefuse(calendar, after, to)) } };
    }

    /// <summary>The count, or the precondition that a year of the calendar has not been entered.</summary>
    internal static int CountOrRefuse(WorkingDayCalendar calendar, DateOnly after, DateOnly upTo)
    {
        try
        {
            return calendar.CountWorkingDays(after, upTo);
        }
        catch (CalendarYearMissingException e)
        {
            throw RpcErrors.FailedPrecondition(e.Year.ToString(CultureInfo.InvariantCulture), "CALENDAR_YEAR_MISSING",
                $"{e.Year} 年的工作日日历尚未录入。{e.Message}");
        }
    }

    private static CalendarDay ToMessage(CalendarDayRecord day) => new()
    {
        Date = day.Date.ToWire(),
        Kind = (CalendarDayKind)day.Kind,
        Name = day.Name,
    };
}
