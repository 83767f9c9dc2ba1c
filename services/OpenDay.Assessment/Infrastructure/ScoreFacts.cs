using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Events.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Registrations.V1;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>The score's facts from the events service: each active unit's plan filing and its held events.</summary>
public interface IEventYearFacts
{
    Task<EventYearFacts> GetAsync(int year, CancellationToken cancellationToken);
}

/// <summary>The score's facts from the registrations service: each unit's finalised rosters and how many meet the share.</summary>
public interface IRosterYearFacts
{
    Task<IReadOnlyDictionary<string, UnitRosterFacts>> GetAsync(int year, CancellationToken cancellationToken);
}

/// <summary>Asked of the events service as the assessment service itself, never with the caller's token.</summary>
public sealed class EventYearFactsClient(EventScoreFacts.EventScoreFactsClient events) : IEventYearFacts
{
    public async Task<EventYearFacts> GetAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            return await events.GetEventYearFactsAsync(new GetCampaignRequest { Year = year },
                deadline: DateTime.UtcNow.Add(ScoreFacts.Deadline), cancellationToken: cancellationToken);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw RpcErrors.FailedPrecondition(year.ToString(System.Globalization.CultureInfo.InvariantCulture), "NO_CAMPAIGN",
                $"{year} 年的政府开放日活动尚未开启，无法评分。There is no {year} campaign to score.");
        }
    }
}

/// <summary>Asked of the registrations service as the assessment service itself.</summary>
public sealed class RosterYearFactsClient(RosterScoreFacts.RosterScoreFactsClient registrations) : IRosterYearFacts
{
    public async Task<IReadOnlyDictionary<string, UnitRosterFacts>> GetAsync(int year, CancellationToken cancellationToken) =>
        (await registrations.GetRosterYearFactsAsync(new GetRosterYearFactsRequest { Year = year },
            deadline: DateTime.UtcNow.Add(ScoreFacts.Deadline), cancellationToken: cancellationToken))
        .Units.ToDictionary(u => u.UnitCode);
}

/// <summary>
/// Everything a year's score reads, per unit: from events and registrations (above), and from this service's own records
/// — the held events' reports, the opinions raised in the year, the best questionnaire on a held event, the year's
/// inspections. Read as the county admin who asked, so every unit's rows.
/// </summary>
public sealed class ScoreFacts(IEventYearFacts events, IRosterYearFacts rosters, AssessmentDbContext db, IWorkingDays calendar)
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public sealed record Gathered(IReadOnlyList<UnitYearFacts> Units, IReadOnlyDictionary<string, Units.V1.UnitKind> Kinds);

    public async Task<Gathered> GatherAsync(int year, CancellationToken ct)
    {
        var eventFacts = await events.GetAsync(year, ct);
        var rosterFacts = await rosters.GetAsync(year, ct);
        var held = eventFacts.Units.SelectMany(u => u.HeldEvents).Select(e => Guid.Parse(e.EventId)).ToList();

        var reports = await db.Reports.AsNoTracking().Where(r => held.Contains(r.EventId) && r.Status == ReportStatus.Published)
            .ToDictionaryAsync(r => r.EventId, ct);
        var lateDays = new Dictionary<Guid, int>();
        foreach (var late in reports.Values.Where(r => r.Late))
        {
            // Published while the calendar was out of reach: count the days now.
            lateDays[late.EventId] = late.WorkingDaysLate ?? await ReportDeadline.WorkingDaysLateAsync(late.DueOn, late.PublishedOn!.Value, calendar, ct);
        }

        var (from, until) = (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1));
        var opinions = await db.Opinions.AsNoTracking().Where(o => o.RaisedOn >= from && o.RaisedOn < until)
            .GroupBy(o => o.AssignedTenantId)
            .Select(g => new
            {
                Unit = g.Key,
                Received = g.Count(),
                Answered = g.Count(o => o.Status == OpinionStatus.Answered),
                OnTime = g.Count(o => o.Status == OpinionStatus.Answered && o.AnsweredOn <= o.DueDate),
            })
            .ToDictionaryAsync(o => o.Unit, ct);
        var bestQuestionnaire = await db.Questionnaires.AsNoTracking().Where(q => held.Contains(q.EventId))
            .Select(q => new { q.TenantId, Answers = db.QuestionnaireAnswers.Count(a => a.QuestionnaireId == q.Id) })
            .GroupBy(q => q.TenantId)
            .Select(g => new { Unit = g.Key, Best = g.Max(q => q.Answers) })
            .ToDictionaryAsync(q => q.Unit, q => q.Best, ct);
        var problems = await db.Inspections.AsNoTracking()
            .Where(i => i.InspectedOn >= from && i.InspectedOn < until && i.Rating == InspectionRating.ProblemsFound)
            .GroupBy(i => i.AssignedTenantId)
            .Select(g => new { Unit = g.Key, Found = g.Count(), OnTime = g.Count(i => i.RectifiedOn != null && i.RectifiedOn <= i.RectificationDueOn) })
            .ToDictionaryAsync(i => i.Unit, ct);

        ReportFact ReportOf(HeldEventFact e)
        {
            var id = Guid.Parse(e.EventId);
            return new ReportFact(e.Title, reports.ContainsKey(id) ? lateDays.GetValueOrDefault(id) : null);
        }

        var units = eventFacts.Units.Select(u =>
        {
            var roster = rosterFacts.GetValueOrDefault(u.UnitCode);
            var opinion = opinions.GetValueOrDefault(u.UnitCode);
            var problem = problems.GetValueOrDefault(u.UnitCode);
            return new UnitYearFacts(
                u.UnitCode, u.UnitName,
                u.PlanFiling switch { PlanFiling.OnTime => PlanFact.OnTime, PlanFiling.Late => PlanFact.Late, _ => PlanFact.NotFiled },
                u.HeldEvents.Count, eventFacts.MinEventsPerUnit,
                u.HeldEvents.Select(ReportOf).ToList(),
                roster?.Finalised ?? 0, roster?.Met ?? 0,
                opinion?.Received ?? 0, opinion?.Answered ?? 0, opinion?.OnTime ?? 0,
                bestQuestionnaire.GetValueOrDefault(u.UnitCode),
                problem?.Found ?? 0, problem?.OnTime ?? 0);
        }).ToList();
        return new Gathered(units, eventFacts.Units.ToDictionary(u => u.UnitCode, u => u.UnitKind));
    }
}
