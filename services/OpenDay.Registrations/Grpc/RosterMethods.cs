using Google.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using OpenDay.Registrations.Infrastructure;
using OpenDay.Registrations.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Time;

namespace OpenDay.Registrations.Grpc;

/// <summary>The confirmed roster: its numbers, finalisation, check-in on the day, attendance, the export, notifications.</summary>
public partial class RegistrationsGrpcService
{
    public override async Task<Roster> GetRoster(GetRosterRequest request, ServerCallContext context)
    {
        var roster = await OwnRosterAsync(ParseEventId(request.EventId), context.CancellationToken);
        var message = roster.ToMessage(await RosterCounts.ForEventAsync(db, roster.EventId, context.CancellationToken));
        var now = time.GetUtcNow();
        message.Participants.AddRange((await ConfirmedAsync(roster.EventId, context.CancellationToken)).Select(p => p.ToMessage(roster, now)));
        return message;
    }

    [Authorize(Roles = Staff)]
    public override async Task<Roster> FinaliseRoster(GetRosterRequest request, ServerCallContext context)
    {
        var eventId = (await OwnRosterAsync(ParseEventId(request.EventId), context.CancellationToken)).EventId;
        var roster = await ledger.InTransactionAsync(async ct =>
        {
            var roster = await ledger.LockAsync(eventId, ct);
            if (roster.Finalised) return roster;
            if (roster.FinaliseRefusal() is { } refusal) throw RpcErrors.FailedPrecondition("roster", "PUBLIC_SHARE", refusal);
            roster.Finalised = true;
            roster.FinalisedAt = time.GetUtcNow();
            return roster;
        }, context.CancellationToken);
        return roster.ToMessage(await RosterCounts.ForEventAsync(db, eventId, context.CancellationToken));
    }

    [Authorize(Roles = Staff)]
    public override async Task<V1.Participant> CheckIn(CheckInRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Id(request.EventId, "event_id", "an event", out var eventId)
            .Check(Domain.Participant.IsWellFormedCode(request.Code), "code", "code must be the 32-character code on the invitation or application.")
            .ThrowIfAny();
        var roster = await OwnRosterAsync(eventId, context.CancellationToken);
        var participant = await db.Participants.SingleOrDefaultAsync(p => p.EventId == eventId && p.Code == request.Code, context.CancellationToken)
                          ?? throw RpcErrors.NotFound("participant", request.Code);
        if (roster.Status is Events.V1.EventStatus.Draft or Events.V1.EventStatus.Cancelled or Events.V1.EventStatus.Reported)
        {
            throw RpcErrors.FailedPrecondition("event", "EVENT_STATUS", $"No check-in: the event is {Words.Of(roster.Status)}.");
        }
        if (!participant.IsConfirmed)
        {
            throw RpcErrors.FailedPrecondition("participant", "NOT_CONFIRMED",
                $"{participant.Name} is not on the confirmed roster (status: {Words.Of(participant.Status)}).");
        }
        if (participant.CheckedInAt is { } at)
        {
            throw RpcErrors.FailedPrecondition("participant", "ALREADY_CHECKED_IN",
                $"{participant.Name} already checked in at {ChinaTime.Format(at)}.");
        }
        participant.CheckedInAt = time.GetUtcNow();
        participant.Attendance = AttendanceMark.Attended;
        await db.SaveChangesAsync(context.CancellationToken);
        return participant.ToMessage(roster, time.GetUtcNow());
    }

    public override async Task<Attendance> GetAttendance(GetRosterRequest request, ServerCallContext context)
    {
        var roster = await OwnRosterAsync(ParseEventId(request.EventId), context.CancellationToken);
        var confirmed = await ConfirmedAsync(roster.EventId, context.CancellationToken);
        var attendance = new Attendance
        {
            EventId = roster.EventId.ToString(),
            Categories =
            {
                confirmed.GroupBy(p => p.Category).OrderBy(g => g.Key).Select(g => new AttendanceByCategory
                {
                    Category = g.Key,
                    Confirmed = g.Count(),
                    Attended = g.Count(p => p.Attendance == AttendanceMark.Attended),
                    NoShows = g.Count(p => p.Attendance == AttendanceMark.NoShow),
                }),
            },
        };
        attendance.Confirmed = attendance.Categories.Sum(c => c.Confirmed);
        attendance.Attended = attendance.Categories.Sum(c => c.Attended);
        attendance.NoShows = attendance.Categories.Sum(c => c.NoShows);
        return attendance;
    }

    public override async Task<HttpBody> ExportRoster(ExportRosterRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Check(System.Enum.IsDefined(request.Format), "format", "format must be CSV or XLSX.")
            .ThrowIfAny();
        var roster = await OwnRosterAsync(ParseEventId(request.EventId), context.CancellationToken);
        var rows = RosterExport.Rows(await ConfirmedAsync(roster.EventId, context.CancellationToken));
        var xlsx = request.Format == ExportFormat.Xlsx;
        // A browser saves the download under this name (REST); gRPC callers see it as a response header.
        context.GetHttpContext().Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"参加人员名单-{roster.EventId}.{(xlsx ? "xlsx" : "csv")}",
        }.ToString();
        return xlsx
            ? new HttpBody { ContentType = RosterExport.XlsxContentType, Data = ByteString.CopyFrom(RosterExport.ToXlsx(rows, roster.Title)) }
            : new HttpBody { ContentType = RosterExport.CsvContentType, Data = ByteString.CopyFrom(RosterExport.ToCsv(rows)) };
    }

    public override async Task<ListNotificationsResponse> ListNotifications(GetRosterRequest request, ServerCallContext context)
    {
        var roster = await OwnRosterAsync(ParseEventId(request.EventId), context.CancellationToken);
        var notifications = await db.Notifications.AsNoTracking()
            .Where(n => n.EventId == roster.EventId)
            .Join(db.Participants, n => n.ParticipantId, p => p.Id, (n, p) => new { Notification = n, p.MobileMasked })
            .OrderBy(x => x.Notification.CreatedAt)
            .ToListAsync(context.CancellationToken);
        return new ListNotificationsResponse
        {
            Notifications =
            {
                notifications.Select(x => new Notification
                {
                    Id = x.Notification.Id.ToString(),
                    EventId = x.Notification.EventId.ToString(),
                    ParticipantId = x.Notification.ParticipantId.ToString(),
                    Kind = x.Notification.Kind,
                    Message = x.Notification.Message,
                    MobileMasked = x.MobileMasked,
                    CreatedAt = Timestamp.FromDateTimeOffset(x.Notification.CreatedAt),
                    SentAt = x.Notification.SentAt is { } sent ? Timestamp.FromDateTimeOffset(sent) : null,
                }),
            },
        };
    }

    /// <summary>The confirmed, in the order they were confirmed.</summary>
    private Task<List<Domain.Participant>> ConfirmedAsync(Guid eventId, CancellationToken cancellationToken) =>
        db.Participants.AsNoTracking()
            .Where(p => p.EventId == eventId && Domain.Participant.ConfirmedStatuses.Contains(p.Status))
            .OrderBy(p => p.ConfirmedAt).ThenBy(p => p.Id)
            .ToListAsync(cancellationToken);
}
