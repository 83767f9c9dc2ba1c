using Grpc.Core;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;

namespace OpenDay.Shared;

/// <summary>
/// Records that hang off an event (opinions; participants of an event registrations has not heard of yet) may only be
/// attached to the caller's own events: the events service is asked, with the caller's token and a deadline. Linked
/// into each service that needs it.
/// </summary>
public sealed class EventOwnership(EventsService.EventsServiceClient events, CallerContext caller)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    /// <summary>The event, or NotFound unless it exists and belongs to the caller's unit (existence elsewhere is not revealed).</summary>
    public async Task<Event> RequireOwnEventAsync(string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var found = await events.GetEventAsync(new GetEventRequest { Id = eventId },
                deadline: DateTime.UtcNow.Add(Deadline), cancellationToken: cancellationToken);
            if (found.UnitCode == caller.TenantId) return found;
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
        }
        throw RpcErrors.NotFound("event", eventId);
    }
}
