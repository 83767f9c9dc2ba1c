using Google.Api;
using Google.Protobuf.Reflection;
using Grpc.Core;
using OpenDay.Assessment.V1;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>Typed clients of every service through the gateway, acting as one user.</summary>
public sealed class Clients(OpenDayStack stack, string username, Func<Task<string>>? token = null)
{
    /// <summary>A unit admin of a unit no dev user belongs to, with a token signed by the provider's key.</summary>
    public static Clients ForgedUnitAdmin(OpenDayStack stack, string unitCode) => new(stack, $"{unitCode}.admin",
        () => stack.ForgeAsync(new ForgedToken { Username = $"{unitCode}.admin", Subject = $"forged-{unitCode}", Tenant = unitCode }));

    /// <summary>A member of the public: no token at all.</summary>
    public static Clients Anonymous(OpenDayStack stack) => new(stack, "anonymous", () => Task.FromResult<string>(null!));

    /// <summary>The events service's own account (client credentials of <c>openday-events</c>), as its outbox calls registrations.</summary>
    public static Clients EventsServiceAccount(OpenDayStack stack) => new(stack, "service-account-openday-events",
        () => stack.Tokens.ServiceAccountAsync("openday-events", "dev-only-events-secret"));

    /// <summary>The assessment service's own account (client credentials of <c>openday-assessment</c>), as its outbox calls events.</summary>
    public static Clients AssessmentServiceAccount(OpenDayStack stack) => new(stack, "service-account-openday-assessment",
        () => stack.Tokens.ServiceAccountAsync("openday-assessment", "dev-only-assessment-secret"));

    public string Username => username;
    public OpenDayStack Stack => stack;
    public UnitsService.UnitsServiceClient Units { get; } = new(stack.GrpcChannel());
    public UnitDirectory.UnitDirectoryClient Directory { get; } = new(stack.GrpcChannel());
    public EventsService.EventsServiceClient Events { get; } = new(stack.GrpcChannel());
    public RegistrationsService.RegistrationsServiceClient Registrations { get; } = new(stack.GrpcChannel());
    public PublicRegistrations.PublicRegistrationsClient PublicRegistrations { get; } = new(stack.GrpcChannel());
    public AssessmentService.AssessmentServiceClient Assessment { get; } = new(stack.GrpcChannel());

    public async Task<CallOptions> Call() => OpenDayStack.Call(await (token?.Invoke() ?? stack.Tokens.For(username)));

    /// <summary>The year's campaign, created by this (county admin) caller unless it exists already: a test's own year.</summary>
    public async Task EnsureCampaignAsync(int year)
    {
        try
        {
            await Events.CreateCampaignAsync(new CampaignSettings { Year = year }, await Call());
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
        }
    }

    /// <summary>Signs a new person up for the event over the public REST route and finds their application as this (staff) user sees it.</summary>
    public async Task<Participant> SignedUpApplicationAsync(string eventId, string category = "")
    {
        using var gateway = stack.Gateway();
        var code = await People.SignedUpAsync(gateway, eventId, People.Next(), category);
        return (await Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId, PageSize = 200 }, await Call()))
            .Applications.Single(a => a.Code == code);
    }

    /// <summary>A draft event of this user's unit, for records that hang off an event.</summary>
    public async Task<string> CreateEventAsync(string title = "开放日")
    {
        var created = await Events.CreateEventAsync(EventRequests.New(title), await Call());
        return created.Id;
    }
}

/// <summary>Events of the sign-up campaign (<see cref="OpenDayStack.SignUpYear"/>), whose registration is still open.</summary>
public static class OpenEvents
{
    private static int _day;

    /// <summary>A published event of the caller's unit, open for registration now (until the day before it starts).</summary>
    public static async Task<string> CreateAsync(Clients unit, int capacity = 30, bool publicSignup = true, string title = "报名测试开放日",
        DateTime? registrationOpensAt = null)
    {
        // Spread over the window's days, so that events of one unit do not all fall on the same morning.
        var day = new DateTime(OpenDayStack.SignUpYear, 9, 15, 1, 0, 0, DateTimeKind.Utc).AddDays(Interlocked.Increment(ref _day) % 45);
        var request = EventRequests.New(title, day, capacity, EventForm.VisitOffices);
        request.PublicSignup = publicSignup;
        request.RegistrationOpensAt = registrationOpensAt is { } opens ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(opens) : null;
        var created = await unit.Events.CreateEventAsync(request, await unit.Call());
        await unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = created.Id, Status = EventStatus.Published }, await unit.Call());
        // The public can sign up once registrations has heard of the publication (from the events outbox, a moment later).
        await WaitForRosterAsync(unit, created.Id, roster => roster.EventStatus == EventStatus.Published);
        return created.Id;
    }

    /// <summary>Waits until registrations has the event's newest change (it travels through the events outbox).</summary>
    public static async Task<Roster> WaitForRosterAsync(Clients unit, string eventId, Func<Roster, bool> until)
    {
        var roster = await Eventually.ReturnsAsync(async () =>
        {
            try
            {
                return await unit.Registrations.GetRosterAsync(new GetRosterRequest { EventId = eventId }, await unit.Call());
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable) // the event has not arrived yet
            {
                return null;
            }
        }, r => r is not null && until(r), TimeSpan.FromSeconds(60));
        Assert.True(roster is not null && until(roster), $"registrations did not reach the awaited state of event {eventId} within a minute");
        return roster;
    }
}

/// <summary>Every RPC of every service, read from the contracts themselves, so one added later is found too.</summary>
public static class Contracts
{
    public static IReadOnlyList<MethodDescriptor> AllRpcs { get; } =
        new[] { UnitsReflection.Descriptor, UnitDirectoryReflection.Descriptor, EventsReflection.Descriptor,
                RegistrationsReflection.Descriptor, AssessmentReflection.Descriptor }
            .SelectMany(file => file.Services)
            .SelectMany(service => service.Methods)
            .ToList();

    /// <summary>A write is any RPC whose REST mapping is not a GET, unless the contract declares it free of side effects.</summary>
    public static bool IsWrite(MethodDescriptor method) =>
        method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { PatternCase: HttpRule.PatternOneofCase.Get }
        && method.GetOptions()?.IdempotencyLevel != MethodOptions.Types.IdempotencyLevel.NoSideEffects;

    /// <summary>The gRPC path, as servers see it: /package.Service/Method.</summary>
    public static string Path(MethodDescriptor method) => $"/{method.Service.FullName}/{method.Name}";
}
