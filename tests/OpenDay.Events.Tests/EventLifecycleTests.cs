using OpenDay.Events.Domain;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Events.Tests;

public class EventLifecycleTests
{
    [Theory]
    [InlineData(EventStatus.Draft, EventStatus.Published)]
    [InlineData(EventStatus.Published, EventStatus.RegistrationOpen)]
    [InlineData(EventStatus.RegistrationOpen, EventStatus.RegistrationClosed)]
    [InlineData(EventStatus.RegistrationClosed, EventStatus.Held)]
    [InlineData(EventStatus.Held, EventStatus.Reported)]
    [InlineData(EventStatus.Draft, EventStatus.Cancelled)]
    [InlineData(EventStatus.RegistrationClosed, EventStatus.Cancelled)]
    public void The_lifecycle_moves_forward_one_step_or_cancels(EventStatus from, EventStatus to) =>
        Assert.True(EventLifecycle.CanMove(from, to));

    [Theory]
    [InlineData(EventStatus.Draft, EventStatus.Held)]              // skipping steps
    [InlineData(EventStatus.Published, EventStatus.Draft)]         // going back
    [InlineData(EventStatus.Held, EventStatus.Cancelled)]          // too late to cancel
    [InlineData(EventStatus.Cancelled, EventStatus.Published)]     // final
    [InlineData(EventStatus.Reported, EventStatus.Held)]           // final
    [InlineData(EventStatus.Draft, EventStatus.Draft)]
    public void Every_other_move_is_refused(EventStatus from, EventStatus to) =>
        Assert.False(EventLifecycle.CanMove(from, to));

    [Fact]
    public void Statuses_read_as_words() => Assert.Equal("registration open", Words.Of(EventStatus.RegistrationOpen));

    private static readonly DateTimeOffset Now = new(2037, 9, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(EventStatus.Draft)]
    [InlineData(EventStatus.Published)]
    [InlineData(EventStatus.RegistrationOpen)]
    public void An_event_may_change_until_its_registration_closes(EventStatus status)
    {
        Assert.Null(EventLifecycle.EditRefusal(status, backfill: false, registrationClosesAt: Now.AddMinutes(1), Now));
        Assert.Equal("REGISTRATION_CLOSED", EventLifecycle.EditRefusal(status, backfill: false, registrationClosesAt: Now, Now)?.Type);
    }

    [Theory]
    [InlineData(EventStatus.RegistrationClosed, "STATUS_REGISTRATIONCLOSED")]
    [InlineData(EventStatus.Held, "STATUS_HELD")]
    [InlineData(EventStatus.Reported, "STATUS_REPORTED")]
    [InlineData(EventStatus.Cancelled, "STATUS_CANCELLED")]
    public void A_closed_held_reported_or_cancelled_event_cannot_change(EventStatus status, string type) =>
        Assert.Equal(type, EventLifecycle.EditRefusal(status, backfill: false, registrationClosesAt: Now.AddDays(30), Now)?.Type);

    [Fact]
    public void A_backfill_draft_may_be_corrected_until_published()
    {
        Assert.Null(EventLifecycle.EditRefusal(EventStatus.Draft, backfill: true, registrationClosesAt: Now.AddDays(-30), Now));
        Assert.NotNull(EventLifecycle.EditRefusal(EventStatus.Published, backfill: true, registrationClosesAt: Now.AddDays(-30), Now));
    }

    [Theory]
    [InlineData(5, 5, true)]
    [InlineData(6, 5, true)]
    [InlineData(4, 5, false)]
    public void The_capacity_keeps_the_confirmed_roster(int capacity, int confirmed, bool allowed)
    {
        var violations = EventRules.CheckCapacityKeepsRoster(new FieldViolations(), capacity, confirmed);
        Assert.Equal(allowed, violations.IsValid);
    }
}

