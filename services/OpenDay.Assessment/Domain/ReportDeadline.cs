namespace OpenDay.Assessment.Domain;

/// <summary>
/// The official working-day calendar as the assessment rules use it. Only the events service keeps the calendar (its
/// <c>AddWorkingDays</c> and <c>CountWorkingDays</c>, called over gRPC); this is the shape the rules see.
/// </summary>
public interface IWorkingDays
{
    /// <summary>The date <paramref name="workingDays"/> working days after <paramref name="date"/>.</summary>
    Task<DateOnly> AddAsync(DateOnly date, int workingDays, CancellationToken cancellationToken);

    /// <summary>The working days after <paramref name="after"/> up to and including <paramref name="upTo"/>.</summary>
    Task<int> CountAsync(DateOnly after, DateOnly upTo, CancellationToken cancellationToken);

    /// <summary>The same for several dates in one question (a page of overdue opinions).</summary>
    Task<IReadOnlyDictionary<DateOnly, int>> CountManyAsync(IReadOnlyCollection<DateOnly> after, DateOnly upTo, CancellationToken cancellationToken);
}

/// <summary>
/// §六(三): the report is due the campaign's report working days (default 5) after the day the event ends
/// (Asia/Shanghai). An event ending Friday 2026-10-09 is due 2026-10-15 (Saturday 10-10 is a make-up working day):
/// published on 10-15 it is on time, on 10-16 one working day late. A late publication is accepted, only flagged.
/// </summary>
public static class ReportDeadline
{
    public static Task<DateOnly> DueOnAsync(DateOnly eventEndsOn, int reportWorkingDays, IWorkingDays calendar, CancellationToken cancellationToken) =>
        calendar.AddAsync(eventEndsOn, reportWorkingDays, cancellationToken);

    public static bool IsLate(DateOnly dueOn, DateOnly publishedOn) => publishedOn > dueOn;

    /// <summary>How many working days late: those after the due date up to and including the publication day.</summary>
    public static async Task<int> WorkingDaysLateAsync(DateOnly dueOn, DateOnly publishedOn, IWorkingDays calendar, CancellationToken cancellationToken) =>
        IsLate(dueOn, publishedOn) ? await calendar.CountAsync(dueOn, publishedOn, cancellationToken) : 0;
}

/// <summary>§五(四): an opinion is due the campaign's opinion working days (default 15) after it was raised.</summary>
public static class OpinionDeadline
{
    public static Task<DateOnly> DueOnAsync(DateOnly raisedOn, int opinionWorkingDays, IWorkingDays calendar, CancellationToken cancellationToken) =>
        calendar.AddAsync(raisedOn, opinionWorkingDays, cancellationToken);

    /// <summary>Overdue: not answered, and the due date has passed.</summary>
    public static bool IsOverdue(DateOnly dueDate, bool answered, DateOnly today) => !answered && today > dueDate;

    public static bool AnsweredOnTime(DateOnly dueDate, DateOnly? answeredOn) => answeredOn is { } on && on <= dueDate;
}
