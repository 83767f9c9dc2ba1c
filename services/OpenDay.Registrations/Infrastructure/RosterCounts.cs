using Microsoft.EntityFrameworkCore;
using OpenDay.Registrations.V1;

namespace OpenDay.Registrations.Infrastructure;

/// <summary>The live numbers a reviewer sees beside the applications.</summary>
public sealed record RosterCounts(IReadOnlyDictionary<ParticipantCategory, int> ConfirmedByCategory, int Waitlisted, int AwaitingReview)
{
    public static async Task<RosterCounts> ForEventAsync(RegistrationsDbContext db, Guid eventId, CancellationToken cancellationToken)
    {
        var groups = await db.Participants.AsNoTracking()
            .Where(p => p.EventId == eventId)
            .GroupBy(p => new { p.Status, p.Category })
            .Select(g => new { g.Key.Status, g.Key.Category, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return new RosterCounts(
            groups.Where(g => Domain.Participant.ConfirmedStatuses.Contains(g.Status))
                .GroupBy(g => g.Category).ToDictionary(g => g.Key, g => g.Sum(x => x.Count)),
            groups.Where(g => g.Status == ParticipantStatus.Waitlisted).Sum(g => g.Count),
            groups.Where(g => g.Status == ParticipantStatus.Submitted).Sum(g => g.Count));
    }
}
