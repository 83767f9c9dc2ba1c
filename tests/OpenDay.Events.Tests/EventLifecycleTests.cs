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
}
