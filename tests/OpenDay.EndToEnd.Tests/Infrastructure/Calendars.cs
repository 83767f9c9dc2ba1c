using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>Calendar years the county admin could really enter: every statutory festival present, whatever a test adds.</summary>
public static class Calendars
{
    /// <summary>
    /// <paramref name="days"/>, plus a day or a few for each of the seven festivals they do not name, in the first half
    /// of the year (or 10-01…10-03 for 国庆节), so that deadlines around a test's own days are what it says.
    /// </summary>
    public static CalendarYear StatutoryYear(int year, params CalendarDay[] days)
    {
        var calendar = new CalendarYear { Year = year, Days = { days } };
        void Festival(string name, params string[] dates)
        {
            if (days.Any(d => d.Name.Contains(name[..2], StringComparison.Ordinal))) return;
            calendar.Days.Add(dates.Select(date => new CalendarDay { Date = $"{year}-{date}", Kind = CalendarDayKind.Holiday, Name = name }));
        }
        Festival("元旦", "01-01");
        Festival("春节", "02-01", "02-02", "02-03", "02-04", "02-05", "02-06");
        Festival("清明节", "04-05");
        Festival("劳动节", "05-01", "05-02");
        Festival("端午节", "06-10");
        Festival("中秋节", "06-20");
        Festival("国庆节", "10-01", "10-02", "10-03");
        return calendar;
    }
}
