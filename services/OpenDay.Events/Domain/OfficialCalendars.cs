namespace OpenDay.Events.Domain;

/// <summary>
/// The State Council's published holiday schedules (国务院办公厅关于…部分节假日安排的通知) for 2023–2026: the seed of the
/// calendar the county office maintains. Weekends inside a holiday are listed too, so a holiday reads as one span.
/// </summary>
public static class OfficialCalendars
{
    public static readonly IReadOnlyList<int> Years = [2023, 2024, 2025, 2026];

    public static IReadOnlyList<CalendarDay> Days { get; } =
    [
        // 2023 (国办发明电〔2022〕16号)
        .. Holiday("元旦", "2023-01-01", "2023-01-02"),
        .. Holiday("春节", "2023-01-21", "2023-01-27"), .. Workday("春节调休", "2023-01-28", "2023-01-29"),
        .. Holiday("清明节", "2023-04-05", "2023-04-05"),
        .. Holiday("劳动节", "2023-04-29", "2023-05-03"), .. Workday("劳动节调休", "2023-04-23", "2023-04-23"), .. Workday("劳动节调休", "2023-05-06", "2023-05-06"),
        .. Holiday("端午节", "2023-06-22", "2023-06-24"), .. Workday("端午节调休", "2023-06-25", "2023-06-25"),
        .. Holiday("中秋节、国庆节", "2023-09-29", "2023-10-06"), .. Workday("国庆节调休", "2023-10-07", "2023-10-08"),
        .. Holiday("元旦", "2023-12-30", "2023-12-31"),
        // 2024 (国办发明电〔2023〕7号)
        .. Holiday("元旦", "2024-01-01", "2024-01-01"),
        .. Holiday("春节", "2024-02-10", "2024-02-17"), .. Workday("春节调休", "2024-02-04", "2024-02-04"), .. Workday("春节调休", "2024-02-18", "2024-02-18"),
        .. Holiday("清明节", "2024-04-04", "2024-04-06"), .. Workday("清明节调休", "2024-04-07", "2024-04-07"),
        .. Holiday("劳动节", "2024-05-01", "2024-05-05"), .. Workday("劳动节调休", "2024-04-28", "2024-04-28"), .. Workday("劳动节调休", "2024-05-11", "2024-05-11"),
        .. Holiday("端午节", "2024-06-08", "2024-06-10"),
        .. Holiday("中秋节", "2024-09-15", "2024-09-17"), .. Workday("中秋节调休", "2024-09-14", "2024-09-14"),
        .. Holiday("国庆节", "2024-10-01", "2024-10-07"), .. Workday("国庆节调休", "2024-09-29", "2024-09-29"), .. Workday("国庆节调休", "2024-10-12", "2024-10-12"),
        // 2025 (国办发明电〔2024〕12号)
        .. Holiday("元旦", "2025-01-01", "2025-01-01"),
        .. Holiday("春节", "2025-01-28", "2025-02-04"), .. Workday("春节调休", "2025-01-26", "2025-01-26"), .. Workday("春节调休", "2025-02-08", "2025-02-08"),
        .. Holiday("清明节", "2025-04-04", "2025-04-06"),
        .. Holiday("劳动节", "2025-05-01", "2025-05-05"), .. Workday("劳动节调休", "2025-04-27", "2025-04-27"),
        .. Holiday("端午节", "2025-05-31", "2025-06-02"),
        .. Holiday("国庆节、中秋节", "2025-10-01", "2025-10-08"), .. Workday("国庆节调休", "2025-09-28", "2025-09-28"), .. Workday("国庆节调休", "2025-10-11", "2025-10-11"),
        // 2026 (国办发明电〔2025〕号, published November 2025)
        .. Holiday("元旦", "2026-01-01", "2026-01-03"), .. Workday("元旦调休", "2026-01-04", "2026-01-04"),
        .. Holiday("春节", "2026-02-15", "2026-02-23"), .. Workday("春节调休", "2026-02-14", "2026-02-14"), .. Workday("春节调休", "2026-02-28", "2026-02-28"),
        .. Holiday("清明节", "2026-04-04", "2026-04-06"),
        .. Holiday("劳动节", "2026-05-01", "2026-05-05"), .. Workday("劳动节调休", "2026-05-09", "2026-05-09"),
        .. Holiday("端午节", "2026-06-19", "2026-06-21"),
        .. Holiday("中秋节", "2026-09-25", "2026-09-27"),
        .. Holiday("国庆节", "2026-10-01", "2026-10-07"), .. Workday("国庆节调休", "2026-09-20", "2026-09-20"), .. Workday("国庆节调休", "2026-10-10", "2026-10-10"),
    ];

    public static WorkingDayCalendar Calendar { get; } = new(Days, Years);

    private static IEnumerable<CalendarDay> Holiday(string name, string from, string to) => Span(name, from, to, CalendarDayKind.Holiday);

    private static IEnumerable<CalendarDay> Workday(string name, string from, string to) => Span(name, from, to, CalendarDayKind.MakeUpWorkday);

    private static IEnumerable<CalendarDay> Span(string name, string from, string to, CalendarDayKind kind)
    {
        for (var day = DateOnly.Parse(from); day <= DateOnly.Parse(to); day = day.AddDays(1))
        {
            yield return new CalendarDay(day, kind, name);
        }
    }
}
