using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Events.Domain;

/// <summary>
/// What an open point (开放点) must be, whoever creates or changes it (SPEC.md §3 "Events"); what the year's campaign
/// asks of it is <see cref="Campaign.CheckEvent"/>. Each refusal names the request field it belongs to.
/// </summary>
public static class EventRules
{
    public const int TextMaxLength = 200;
    public const int AgendaMaxLength = 4000;
    /// <summary>When no registration close is given: a day before the start, so the roster can be settled.</summary>
    public static readonly TimeSpan DefaultRegistrationCloseBeforeStart = TimeSpan.FromHours(24);

    /// <summary>Title, theme and venue (§三), at least one of the four forms (§五), a capacity, an agenda of reasonable length.</summary>
    public static FieldViolations CheckDetails(FieldViolations violations, string title, string theme, string venue,
        IReadOnlyCollection<EventForm> forms, int capacity, string agenda) => violations
        .Required(title, "title", TextMaxLength)
        .Required(theme, "theme", TextMaxLength)
        .Required(venue, "venue", TextMaxLength)
        .Check(forms.Count > 0, "forms", "forms needs at least one of the four forms of activity (进机关, 进现场, 进会议, 座谈交流).")
        .Check(forms.All(f => f != EventForm.Unspecified && Enum.IsDefined(f)), "forms", "forms contains an unknown form.")
        .Check(capacity >= 1, "capacity", "capacity must be at least 1.")
        .Check(agenda.Length <= AgendaMaxLength, "agenda", $"agenda must be at most {AgendaMaxLength} characters.");

    /// <summary>
    /// A start and an end in that order; a start still ahead, unless the event is a backfill (补录) of one that already
    /// took place; a registration window that closes before the start.
    /// </summary>
    public static FieldViolations CheckTimes(FieldViolations violations, DateTimeOffset now, bool backfill, DateTimeOffset? startsAt,
        DateTimeOffset? endsAt, DateTimeOffset? registrationOpensAt, DateTimeOffset? registrationClosesAt)
    {
        violations
            .Check(startsAt is not null, "starts_at", "starts_at is required.")
            .Check(startsAt is null || backfill || startsAt > now, "starts_at",
                "starts_at is in the past. 开始时间已过；如需补录已举办的开放活动，请勾选“补录”(backfill)。")
            .Check(startsAt is null || !backfill || startsAt <= now, "backfill",
                "backfill (补录) is only for an open day that already took place; this one starts in the future.")
            .Check(endsAt is not null, "ends_at", "ends_at is required.")
            .Check(startsAt is null || endsAt is null || endsAt > startsAt, "ends_at", "ends_at must be after starts_at.");
        if (startsAt is not null && registrationClosesAt is not null)
        {
            violations
                .Check(registrationClosesAt < startsAt, "registration_closes_at", "registration_closes_at must be before starts_at.")
                .Check(registrationOpensAt is null || registrationOpensAt < registrationClosesAt, "registration_opens_at",
                    "registration_opens_at must be before registration_closes_at.");
        }
        return violations;
    }

    /// <summary>§四's seats already given stay given: a changed capacity never drops below the confirmed roster.</summary>
    public static FieldViolations CheckCapacityKeepsRoster(FieldViolations violations, int capacity, int confirmed) => violations
        .Check(capacity >= confirmed, "capacity",
            $"capacity must be at least {confirmed}, the participants already confirmed (容量不能少于已确认的 {confirmed} 人).");

    public static DateTimeOffset? RegistrationClosesAt(DateTimeOffset? requested, DateTimeOffset? startsAt) =>
        requested ?? startsAt - DefaultRegistrationCloseBeforeStart;
}
