using OpenDay.Assessment.Domain;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>The official calendar, asked of the events service (the one place it is kept) with the caller's token and a deadline.</summary>
public sealed class EventsCalendar(EventsService.EventsServiceClient events) : IWorkingDays
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public async Task<DateOnly> AddAsync(DateOnly date, int workingDays, CancellationToken cancellationToken)
    {
        var answer = await events.AddWorkingDaysAsync(new AddWorkingDaysRequest { Date = date.ToWire(), WorkingDays = workingDays },
            deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
        return WireDate.TryParse(answer.Date, out var due) ? due : throw new InvalidOperationException($"events answered a date '{answer.Date}' it should not.");
    }

    public async Task<int> CountAsync(DateOnly after, DateOnly upTo, CancellationToken cancellationToken) =>
        (await CountManyAsync([after], upTo, cancellationToken))[after];

    public async Task<IReadOnlyDictionary<DateOnly, int>> CountManyAsync(IReadOnlyCollection<DateOnly> after, DateOnly upTo, CancellationToken cancellationToken)
    {
        if (after.Count == 0) return new Dictionary<DateOnly, int>();
        var dates = after.Distinct().ToList();
        var answer = await events.CountWorkingDaysAsync(new CountWorkingDaysRequest { FromDates = { dates.Select(d => d.ToWire()) }, ToDate = upTo.ToWire() },
            deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
        return dates.Zip(answer.WorkingDays).ToDictionary(p => p.First, p => p.Second);
    }
}
