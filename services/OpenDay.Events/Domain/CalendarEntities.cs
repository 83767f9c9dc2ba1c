namespace OpenDay.Events.Domain;

/// <summary>A year the county office has entered into the calendar (days outside entered years have no answer).</summary>
public class CalendarYearRecord
{
    public int Year { get; set; }
    public string UpdatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}

/// <summary>A stored day of the calendar: a holiday or a make-up working day.</summary>
public class CalendarDayRecord
{
    public DateOnly Date { get; set; }
    public CalendarDayKind Kind { get; set; }
    public required string Name { get; set; }
}
