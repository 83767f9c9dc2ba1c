using OpenDay.Assessment.Domain;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>The official calendar, asked of the events service (the one place it is kept) with the caller's token and a deadline.</summary>
public sealed class EventsCalendar(EventsService.EventsServiceClient events) : IWorkingDays
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);
    /// <summary>What one <c>CountWorkingDays</c> call spans at most.</summary>
    private const int MaxSpanDays = 366;

    public async Task<DateOnly> AddAsync(DateOnly date, int workingDays, CancellationToken cancellationToken)
    {
        var answer = await events.AddWorkingDaysAsync(new AddWorkingDaysRequest { Date = date.ToWire(), WorkingDays = workingDays },
            deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
        return WireDate.TryParse(answer.Date, out var due) ? due : throw new InvalidOperationException($"events answered a date '{answer.Date}' it should not.");
    }

    public async Task<int> CountAsync(DateOnly after, DateOnly upTo, CancellationToken cancellationToken)
    {
        var total = 0;
        // An opinion overdue for more than a year is counted a year at a time.
        for (var from = after; from < upTo; from = from.AddDays(MaxSpanDays))
        {
            var to = upTo.DayNumber - from.DayNumber > MaxSpanDays ? from.AddDays(MaxSpanDays) : upTo;
            total += (await events.CountWorkingDaysAsync(new CountWorkingDaysRequest { FromDate = from.ToWire(), ToDate = to.ToWire() },
                deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken)).WorkingDays;
        }
        return total;
    }
}
