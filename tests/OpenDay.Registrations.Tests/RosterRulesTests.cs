using OpenDay.Events.V1;
using OpenDay.Registrations.Domain;

namespace OpenDay.Registrations.Tests;

/// <summary>The roster rules of §四: capacity, ⌈confirmed × share⌉ public representatives, the sign-up window.</summary>
public class RosterRulesTests
{
    private static readonly DateTimeOffset Now = new(2028, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(3, 1)]
    [InlineData(4, 2)]
    [InlineData(29, 10)]
    [InlineData(30, 10)]
    public void The_minimum_is_confirmed_times_one_third_rounded_up(int confirmed, int required) =>
        Assert.Equal(required, RosterRules.RequiredPublicRepresentatives(confirmed, 1, 3));

    [Fact]
    public void A_full_roster_refuses_anyone() =>
        Assert.Contains("full", RosterRules.ConfirmationRefusal(30, 30, 10, isPublicRepresentative: true, keepShare: false, 1, 3));

    [Fact]
    public void Keeping_the_share_refuses_a_non_public_participant_that_would_break_it_but_not_a_public_representative()
    {
        // 3 confirmed, 1 public: a 4th who is not a public representative needs ⌈4/3⌉ = 2.
        Assert.NotNull(RosterRules.ConfirmationRefusal(30, 3, 1, isPublicRepresentative: false, keepShare: true, 1, 3));
        Assert.Null(RosterRules.ConfirmationRefusal(30, 3, 1, isPublicRepresentative: false, keepShare: false, 1, 3));
        Assert.Null(RosterRules.ConfirmationRefusal(30, 3, 1, isPublicRepresentative: true, keepShare: true, 1, 3));
        Assert.Null(RosterRules.ConfirmationRefusal(30, 2, 1, isPublicRepresentative: false, keepShare: true, 1, 3));
    }

    [Fact]
    public void Finalising_needs_the_share_and_says_the_numbers()
    {
        var roster = Open(r => (r.Confirmed, r.ConfirmedPublicRepresentatives) = (7, 2));
        Assert.Contains("2 of 7", roster.FinaliseRefusal());
        Assert.Contains("at least 3", roster.FinaliseRefusal());
        roster.Confirm(isPublicRepresentative: true); // 3 of 8: ⌈8/3⌉ = 3, met
        Assert.Null(roster.FinaliseRefusal());
        Assert.Contains("cancelled", Open(r => r.Status = EventStatus.Cancelled).FinaliseRefusal());
    }

    [Fact]
    public void Sign_up_needs_public_sign_up_a_published_event_and_the_window()
    {
        Assert.Null(Open().SignUpRefusal(Now));
        Assert.Contains("invitation only", Open(r => r.PublicSignup = false).SignUpRefusal(Now));
        Assert.Contains("cancelled", Open(r => r.Status = EventStatus.Cancelled).SignUpRefusal(Now));
        Assert.Contains("opens", Open(r => r.RegistrationOpensAt = Now.AddHours(1)).SignUpRefusal(Now));
        Assert.Contains("closed at", Open().SignUpRefusal(Now.AddDays(10)));
        Assert.False(Open(r => r.Status = EventStatus.Draft).IsPublic);
    }

    [Fact]
    public void An_invitation_can_be_answered_until_registration_closes() =>
        Assert.Contains("expired", Open().InvitationResponseRefusal(Now.AddDays(10)));

    private static EventRoster Open(Action<EventRoster>? change = null)
    {
        var roster = new EventRoster
        {
            Status = EventStatus.Published, PublicSignup = true, Capacity = 30, RegistrationClosesAt = Now.AddDays(10),
            // The share arrives with every event change (the campaign's setting); the roster itself has no default since d26ec97.
            MinPublicShareNumerator = 1, MinPublicShareDenominator = 3,
        };
        change?.Invoke(roster);
        return roster;
    }
}
