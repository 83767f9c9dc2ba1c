using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Platform.Data;
using OpenDay.Platform.Time;
using OpenDay.Platform.Grpc;

namespace OpenDay.Registrations.Domain;

/// <summary>
/// What registrations knows of one event (from the events service's changes) and its seat counters. The counters
/// change only while the row is locked, so the roster rules hold however many requests race for the last seat; every
/// other step of a sign-up runs beside the others without waiting.
/// </summary>
public class EventRoster : ITenantOwned
{
    public Guid EventId { get; set; }
    public string TenantId { get; set; } = "";
    public string Title { get; set; } = "";
    public EventStatus Status { get; set; }
    public bool PublicSignup { get; set; }
    public int Capacity { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset? RegistrationOpensAt { get; set; }
    public DateTimeOffset RegistrationClosesAt { get; set; }
    /// <summary>The campaign's minimum share of public representatives (§四: 不低于三分之一), as a fraction: the events service sends it with every change.</summary>
    public int MinPublicShareNumerator { get; set; }
    public int MinPublicShareDenominator { get; set; }
    public string CancellationReason { get; set; } = "";
    /// <summary>The newest event change applied; an older one arriving late is ignored.</summary>
    public long LastChangeSequence { get; set; }

    /// <summary>Accepted invitations + approved applications.</summary>
    public int Confirmed { get; set; }
    public int ConfirmedPublicRepresentatives { get; set; }
    public bool Finalised { get; set; }
    public DateTimeOffset? FinalisedAt { get; set; }

    public int PublicRepresentativesRequired => RosterRules.RequiredPublicRepresentatives(Confirmed, MinPublicShareNumerator, MinPublicShareDenominator);

    public bool ShareMet => ConfirmedPublicRepresentatives >= PublicRepresentativesRequired;

    /// <summary>Drafts are nobody's business but the unit's: to the public they do not exist.</summary>
    public bool IsPublic => Status is not (EventStatus.Draft or EventStatus.Unspecified);

    /// <summary>Why the public cannot sign up now; null when it can.</summary>
    public string? SignUpRefusal(DateTimeOffset now) => this switch
    {
        { PublicSignup: false } => "This event takes participants by invitation only; public sign-up is off.",
        { Status: not (EventStatus.Published or EventStatus.RegistrationOpen) } =>
            $"Sign-up is closed: the event is {Words.Of(Status)}.",
        { RegistrationOpensAt: { } opens } when now < opens => $"Sign-up opens at {ChinaTime.Format(opens)}.",
        _ when now >= RegistrationClosesAt => $"Sign-up closed at {ChinaTime.Format(RegistrationClosesAt)}.",
        _ => null,
    };

    /// <summary>Why an invitee cannot answer now; null when they can.</summary>
    public string? InvitationResponseRefusal(DateTimeOffset now) => this switch
    {
        { Status: EventStatus.Cancelled or EventStatus.Held or EventStatus.Reported } => $"The event is {Words.Of(Status)}.",
        _ when now >= RegistrationClosesAt => $"The invitation expired when registration closed at {ChinaTime.Format(RegistrationClosesAt)}.",
        _ => null,
    };

    /// <summary>Why nobody can be confirmed or taken off by the unit now; null when they can.</summary>
    public string? RosterChangeRefusal() => Status is EventStatus.Cancelled or EventStatus.Held or EventStatus.Reported
        ? $"The roster can no longer change: the event is {Words.Of(Status)}."
        : null;

    /// <summary>
    /// Why one more person of this category may not be confirmed; null when they may. The capacity always holds; the
    /// share holds too once the roster is finalised, and whenever the waitlist moves up (<paramref name="keepShare"/>).
    /// </summary>
    public string? ConfirmationRefusal(bool isPublicRepresentative, bool keepShare) =>
        RosterRules.ConfirmationRefusal(Capacity, Confirmed, ConfirmedPublicRepresentatives, isPublicRepresentative,
            keepShare || Finalised, MinPublicShareNumerator, MinPublicShareDenominator);

    public void Confirm(bool isPublicRepresentative)
    {
        Confirmed++;
        if (isPublicRepresentative) ConfirmedPublicRepresentatives++;
    }

    public void Release(bool isPublicRepresentative)
    {
        Confirmed--;
        if (isPublicRepresentative) ConfirmedPublicRepresentatives--;
    }

    /// <summary>Why the roster cannot be finalised; null when it can.</summary>
    public string? FinaliseRefusal() => this switch
    {
        _ when RosterChangeRefusal() is { } refusal => refusal,
        { Status: EventStatus.Draft or EventStatus.Unspecified } => "The event is a draft: publish it and confirm its participants before finalising the roster.",
        { Confirmed: 0 } => "Nobody is confirmed yet: an empty roster cannot be finalised.",
        { ShareMet: false } =>
            $"Public representatives are {ConfirmedPublicRepresentatives} of {Confirmed} confirmed; at least {PublicRepresentativesRequired} " +
            $"(⌈{Confirmed} × {MinPublicShareNumerator}/{MinPublicShareDenominator}⌉) are required before the roster is finalised.",
        _ => null,
    };
}
