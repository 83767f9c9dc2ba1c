using Grpc.Core;
using Grpc.Net.ClientFactory;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OpenDay.Assessment.V1;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.Portal.Console;

/// <summary>
/// The services as the signed-in user: every call carries their access token (from the server-side session, refreshed
/// when due) and a deadline. The console decides nothing itself: a refusal comes back as <see cref="ConsoleErrors"/> to
/// show beside the field it names; a session that is over sends the user to sign in again, and back to this page.
/// </summary>
public sealed class ConsoleApi(GrpcClientFactory clients, ConsoleTokens tokens, AuthenticationStateProvider authentication, NavigationManager navigation,
    IConfiguration configuration)
{
    public const string EventsClient = "console-events", RegistrationsClient = "console-registrations", UnitsClient = "console-units",
        AssessmentClient = "console-assessment";

    /// <summary>Every call's deadline: <c>Console:DeadlineSeconds</c>, 10 s by default.</summary>
    public static TimeSpan DeadlineFrom(IConfiguration configuration) =>
        TimeSpan.FromSeconds(int.TryParse(configuration["Console:DeadlineSeconds"], out var seconds) && seconds > 0 ? seconds : 10);

    public EventsService.EventsServiceClient Events => clients.CreateClient<EventsService.EventsServiceClient>(EventsClient);
    public RegistrationsService.RegistrationsServiceClient Registrations => clients.CreateClient<RegistrationsService.RegistrationsServiceClient>(RegistrationsClient);
    public UnitsService.UnitsServiceClient Units => clients.CreateClient<UnitsService.UnitsServiceClient>(UnitsClient);
    public AssessmentService.AssessmentServiceClient Assessment => clients.CreateClient<AssessmentService.AssessmentServiceClient>(AssessmentClient);

    /// <summary>The user's bearer token and a deadline.</summary>
    public async Task<CallOptions> CallAsync(CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var session = user.FindFirst(ConsoleSessionStore.SessionKeyClaim)?.Value
                      ?? throw new ConsoleSessionExpiredException("Not signed in.");
        return Options(await tokens.AccessTokenAsync(session, cancellationToken), configuration, cancellationToken);
    }

    /// <summary>A call as the holder of this access token, within the console's deadline (the pages' calls and the downloads).</summary>
    public static CallOptions Options(string accessToken, IConfiguration configuration, CancellationToken cancellationToken) =>
        new(new Metadata { { "Authorization", "Bearer " + accessToken } }, DateTime.UtcNow.Add(DeadlineFrom(configuration)), cancellationToken);

    /// <summary>One call: its answer, or the refusal to show. A lapsed session navigates to sign-in (and back here afterwards).</summary>
    public async Task<ConsoleResult<T>> RunAsync<T>(Func<CallOptions, Task<T>> call) where T : class
    {
        try
        {
            return new ConsoleResult<T>(await call(await CallAsync()), null);
        }
        catch (ConsoleSessionExpiredException)
        {
            SignInAgain();
            return new ConsoleResult<T>(null, ConsoleErrors.Expired);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            SignInAgain();
            return new ConsoleResult<T>(null, ConsoleErrors.Expired);
        }
        catch (RpcException e)
        {
            return new ConsoleResult<T>(null, ConsoleErrors.From(e));
        }
    }

    /// <summary>A full page load of the sign-in route, which comes back to where the user was.</summary>
    public void SignInAgain()
    {
        var here = "/" + navigation.ToBaseRelativePath(navigation.Uri);
        navigation.NavigateTo("console/signin?returnUrl=" + Uri.EscapeDataString(here), forceLoad: true);
    }
}

/// <summary>The answer to a console call: the value, or what to show.</summary>
public sealed record ConsoleResult<T>(T? Value, ConsoleErrors? Errors) where T : class
{
    public bool Ok => Value is not null;
}
