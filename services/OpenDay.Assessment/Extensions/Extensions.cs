using OpenDay.Assessment.Domain;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Assessment.Infrastructure.Outbox;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Hosting;
using OpenDay.Platform.ServiceAccounts;
using OpenDay.Platform.Tenancy;
using OpenDay.Registrations.V1;
using OpenDay.Shared;
using OpenDay.Units.V1;

namespace OpenDay.Assessment.Extensions;

internal static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddOpenDayGrpcService<IHostApplicationBuilder, AssessmentDbContext>("assessmentdb");
        builder.AddUnitDirectoryClient();
        // With the caller's token: events (their events, the campaign, the calendar), registrations (attendance), units (the directory).
        builder.AddOpenDayGrpcClient<EventsService.EventsServiceClient>("events");
        builder.AddOpenDayGrpcClient<RegistrationsService.RegistrationsServiceClient>("registrations");
        builder.AddOpenDayGrpcClient<UnitsService.UnitsServiceClient>("units");
        builder.Services.AddScoped<EventOwnership>();
        builder.Services.AddScoped<IWorkingDays, EventsCalendar>();
        builder.Services.AddScoped<IReportPhotoStore, PostgresReportPhotoStore>();
        // The outbox of published reports, delivered to events as the assessment service itself.
        builder.AddServiceAccountGrpcClient<EventReportSink.EventReportSinkClient>("events");
        builder.Services.AddHostedService<ReportPublicationDispatcher>();
        // A questionnaire answer's code, confirmed by registrations as the assessment service itself (the answerer has no token).
        builder.AddServiceAccountGrpcClient<ParticipantCodes.ParticipantCodesClient>("registrations");
        builder.Services.AddScoped<AnswerCodes>();
        // The score's facts (考核), asked of events and registrations as the assessment service itself.
        builder.AddServiceAccountGrpcClient<EventScoreFacts.EventScoreFactsClient>("events");
        builder.AddServiceAccountGrpcClient<RosterScoreFacts.RosterScoreFactsClient>("registrations");
        builder.Services.AddScoped<IEventYearFacts, EventYearFactsClient>();
        builder.Services.AddScoped<IRosterYearFacts, RosterYearFactsClient>();
        builder.Services.AddScoped<ScoreFacts>();
    }
}
