using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.Portal.Api;

/// <summary>
/// Everything the portal asks the services, through their anonymous public RPCs only. Every call carries a deadline
/// (gRPC has none by default, and a page that waits forever is worse than one that says "try again").
/// A record the public may not see (unknown, draft, cancelled, malformed id) comes back as null: the page answers 404.
/// </summary>
public sealed class PublicApi(
    EventsService.EventsServiceClient events,
    UnitsService.UnitsServiceClient units,
    PublicRegistrations.PublicRegistrationsClient registrations,
    IMemoryCache cache)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    private static DateTime Soon => DateTime.UtcNow.Add(Deadline);

    public async Task<ListPublicEventsResponse> ListEventsAsync(ListPublicEventsRequest request, CancellationToken cancellationToken = default) =>
        await events.ListPublicEventsAsync(request, deadline: Soon, cancellationToken: cancellationToken);

    public async Task<PublicEvent?> GetEventAsync(string id, CancellationToken cancellationToken = default) =>
        await OrNullAsync(async () => await events.GetPublicEventAsync(new GetEventRequest { Id = id }, deadline: Soon, cancellationToken: cancellationToken));

    /// <summary>The active units for the filter; a unit joins the county rarely, so a minute's staleness is fine.</summary>
    public async Task<IReadOnlyList<PublicUnit>> ListUnitsAsync(CancellationToken cancellationToken = default) =>
        (await cache.GetOrCreateAsync("public-units", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            var response = await units.ListPublicUnitsAsync(new ListPublicUnitsRequest(), deadline: Soon, cancellationToken: cancellationToken);
            return (IReadOnlyList<PublicUnit>)response.Units.OrderBy(u => u.Kind).ThenBy(u => u.Name, StringComparer.Ordinal).ToList();
        }))!;

    public async Task<Result<Application>> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken = default) =>
        await ResultAsync(async () => await registrations.SignUpAsync(request, deadline: Soon, cancellationToken: cancellationToken));

    public async Task<Application?> GetApplicationAsync(string code, CancellationToken cancellationToken = default) =>
        await OrNullAsync(async () => await registrations.GetApplicationAsync(new ReferenceCodeRequest { ReferenceCode = code }, deadline: Soon, cancellationToken: cancellationToken));

    public async Task<Result<Application>> WithdrawAsync(string code, CancellationToken cancellationToken = default) =>
        await ResultAsync(async () => await registrations.WithdrawApplicationAsync(new ReferenceCodeRequest { ReferenceCode = code }, deadline: Soon, cancellationToken: cancellationToken));

    public async Task<PublicInvitation?> GetInvitationAsync(string code, CancellationToken cancellationToken = default) =>
        await OrNullAsync(async () => await registrations.GetInvitationAsync(new InvitationCodeRequest { Code = code }, deadline: Soon, cancellationToken: cancellationToken));

    public async Task<Result<PublicInvitation>> RespondAsync(RespondToInvitationRequest request, CancellationToken cancellationToken = default) =>
        await ResultAsync(async () => await registrations.RespondToInvitationAsync(request, deadline: Soon, cancellationToken: cancellationToken));

    /// <summary>Not found, and a code or id that cannot exist, are the same to a resident: there is no such page.</summary>
    private static async Task<T?> OrNullAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return await call();
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.NotFound or StatusCode.InvalidArgument)
        {
            return null;
        }
    }

    private static async Task<Result<T>> ResultAsync<T>(Func<Task<T>> call) where T : class
    {
        try
        {
            return new Result<T>(await call(), null);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.NotFound
                                         or StatusCode.AlreadyExists or StatusCode.ResourceExhausted or StatusCode.Unavailable or StatusCode.DeadlineExceeded)
        {
            return new Result<T>(null, FormErrors.From(e));
        }
    }
}

/// <summary>The answer to a form: the value, or what to show beside the fields.</summary>
public sealed record Result<T>(T? Value, FormErrors? Errors) where T : class;
