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

    public string Username => username;
    public OpenDayStack Stack => stack;
    public UnitsService.UnitsServiceClient Units { get; } = new(stack.GrpcChannel());
    public UnitDirectory.UnitDirectoryClient Directory { get; } = new(stack.GrpcChannel());
    public EventsService.EventsServiceClient Events { get; } = new(stack.GrpcChannel());
    public RegistrationsService.RegistrationsServiceClient Registrations { get; } = new(stack.GrpcChannel());
    public AssessmentService.AssessmentServiceClient Assessment { get; } = new(stack.GrpcChannel());

    public async Task<CallOptions> Call() => OpenDayStack.Call(await (token?.Invoke() ?? stack.Tokens.For(username)));

    /// <summary>A draft event of this user's unit, for records that hang off an event.</summary>
    public async Task<string> CreateEventAsync(string title = "开放日")
    {
        var created = await Events.CreateEventAsync(new CreateEventRequest
        {
            Title = title, Theme = "政务公开", Venue = "会议室", Capacity = 30, Forms = { EventForm.Forum },
            StartsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc)),
            EndsAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(new DateTime(2026, 10, 20, 3, 0, 0, DateTimeKind.Utc)),
        }, await Call());
        return created.Id;
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

    /// <summary>A write is any RPC whose REST mapping is not a GET.</summary>
    public static bool IsWrite(MethodDescriptor method) =>
        method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { PatternCase: HttpRule.PatternOneofCase.Get };

    /// <summary>The gRPC path, as servers see it: /package.Service/Method.</summary>
    public static string Path(MethodDescriptor method) => $"/{method.Service.FullName}/{method.Name}";
}
