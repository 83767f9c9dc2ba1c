using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using OpenDay.Assessment.V1;
using OpenDay.Events.V1;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>What the ledger and report tests share: held events, opinions, REST calls with a token.</summary>
public static class Ledger
{
    /// <summary>An event of the unit, in the 2026 campaign (so in the past), moved to held; registrations has heard of it.</summary>
    public static async Task<string> HeldEventAsync(Clients unit, DateTime? startsAt = null, string title = "座谈交流会")
    {
        var created = await unit.Events.CreateEventAsync(EventRequests.New(title, startsAt ?? new DateTime(2026, 10, 20, 1, 0, 0, DateTimeKind.Utc)), await unit.Call());
        foreach (var status in new[] { EventStatus.Published, EventStatus.RegistrationOpen, EventStatus.RegistrationClosed, EventStatus.Held })
        {
            await unit.Events.ChangeEventStatusAsync(new ChangeEventStatusRequest { Id = created.Id, Status = status }, await unit.Call());
        }
        await OpenEvents.WaitForRosterAsync(unit, created.Id, r => r.EventStatus == EventStatus.Held);
        return created.Id;
    }

    /// <summary>An opinion the unit records at its event (raised on 2026-10-20, the day <see cref="Clients.CreateEventAsync"/>'s events start), due 2026-12-31 unless said otherwise.</summary>
    public static async Task<Opinion> RecordAsync(Clients unit, string eventId, string responsibleUnit = "", string text = "建议增设便民服务点",
        string dueDate = "2026-12-31", string raisedBy = "张先生")
    {
        return await unit.Assessment.RecordOpinionAsync(new RecordOpinionRequest
        {
            EventId = eventId, RaisedBy = raisedBy, Text = text, Topic = "便民服务", ResponsibleUnitCode = responsibleUnit, DueDate = dueDate,
            RaisedOn = "2026-10-20",
        }, await unit.Call());
    }

    public static async Task<Opinion> MoveAsync(Clients unit, string id, OpinionStatus status, string explanation = "", string answer = "") =>
        await unit.Assessment.ChangeOpinionStatusAsync(new ChangeOpinionStatusRequest { Id = id, Status = status, Explanation = explanation, Answer = answer },
            await unit.Call());

    /// <summary>Through received → in progress → adopted → answered, as the responsible unit.</summary>
    public static async Task<Opinion> AnswerAsync(Clients responsible, string id, string answer = "已安排专人办理并答复")
    {
        await MoveAsync(responsible, id, OpinionStatus.InProgress);
        await MoveAsync(responsible, id, OpinionStatus.Adopted);
        return await MoveAsync(responsible, id, OpinionStatus.Answered, answer: answer);
    }

    /// <summary>A REST call through the gateway as the user (anonymous when null), with the JSON body of the answer.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RestAsync(OpenDayStack stack, HttpMethod method,
        string path, string? username, object? body = null)
    {
        using var gateway = stack.Gateway();
        using var request = new HttpRequestMessage(method, path);
        if (username is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await stack.Tokens.For(username));
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await gateway.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var json = bytes.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json") == true
            ? JsonDocument.Parse(bytes).RootElement.Clone()
            : default;
        return (response.StatusCode, json, response);
    }

    public static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime)
        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static Timestamp At(int year, int month, int day, int hourUtc = 1) => Timestamp.FromDateTime(new DateTime(year, month, day, hourUtc, 0, 0, DateTimeKind.Utc));

    /// <summary>A tiny valid PNG (1×1, transparent).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
