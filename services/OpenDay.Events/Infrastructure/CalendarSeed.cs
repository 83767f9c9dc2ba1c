using Microsoft.EntityFrameworkCore;
using OpenDay.Events.Domain;

namespace OpenDay.Events.Infrastructure;

/// <summary>
/// The State Council's schedules (<see cref="OfficialCalendars"/>) are the calendar's starting data: a year the calendar
/// does not hold yet is added at start-up; a year already there — seeded before, or entered by the county office — is
/// never touched. Data, not migrations: a new year's schedule is one more entry in <see cref="OfficialCalendars"/>.
/// </summary>
public static class CalendarSeed
{
    public const string SeededBy = "seed: State Council schedule";

    public static async Task AddMissingOfficialYearsAsync(EventsDbContext db, CancellationToken cancellationToken)
    {
        var present = await db.CalendarYears.Select(y => y.Year).ToListAsync(cancellationToken);
        var missing = OfficialCalendars.Years.Except(present).ToHashSet();
        if (missing.Count == 0) return;
        db.CalendarYears.AddRange(missing.Select(year => new CalendarYearRecord { Year = year, UpdatedBy = SeededBy }));
        db.CalendarDays.AddRange(OfficialCalendars.Days.Where(d => missing.Contains(d.Date.Year))
            .Select(d => new CalendarDayRecord { Date = d.Date, Kind = d.Kind, Name = d.Name }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
