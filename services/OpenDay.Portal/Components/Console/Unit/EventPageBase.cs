using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OpenDay.Events.V1;
using OpenDay.Portal.Console;

namespace OpenDay.Portal.Components.Console.Unit;

/// <summary>
/// A page of one event (invitations, attendance, notifications): the event as the events service shows it to the user,
/// not found when it is not theirs to read, and whether it is their own unit's (a supervising department reads its
/// supervised units' events; the services refuse its changes, and the page does not offer them).
/// </summary>
public abstract class EventPageBase : ComponentBase
{
    [Inject] protected ConsoleApi Api { get; set; } = null!;
    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [Parameter] public string Id { get; set; } = "";

    protected Event? Event { get; private set; }
    protected ConsoleErrors? Errors { get; set; }
    protected string? Done { get; set; }
    protected bool NotFound { get; private set; }
    protected bool Busy { get; set; }
    protected bool Loading { get; private set; } = true;
    protected string? Tenant { get; private set; }

    /// <summary>The user's own unit's event: the one whose participants they may change.</summary>
    protected bool Own => Event is { } e && e.UnitCode == Tenant;

    protected override async Task OnParametersSetAsync()
    {
        Loading = true;
        Tenant = Authentication is null ? null : (await Authentication).User.FindFirst("tenant")?.Value;
        var found = await Api.RunAsync(async o => await Api.Events.GetEventAsync(new GetEventRequest { Id = Id }, o));
        if (found.Errors is { } errors)
        {
            NotFound = errors.General?.StartsWith("没有找到", StringComparison.Ordinal) == true;
            if (!NotFound) Errors = errors;
        }
        else
        {
            Event = found.Value;
            await LoadAsync();
        }
        Loading = false;
    }

    /// <summary>What the page shows of the event, read again after every change.</summary>
    protected abstract Task LoadAsync();

    /// <summary>One change: busy while it runs, its refusal or the words of what was done, then the page read again.</summary>
    protected async Task<bool> ChangeAsync<T>(Func<Grpc.Core.CallOptions, Task<T>> call, string done) where T : class
    {
        Busy = true;
        Done = null;
        var result = await Api.RunAsync(call);
        Errors = result.Errors;
        if (result.Ok) Done = done;
        await LoadAsync();
        Busy = false;
        return result.Ok;
    }
}
