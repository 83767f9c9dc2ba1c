using System.Globalization;
using Google.Api;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.Infrastructure;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Time;
using OpenDay.ServiceDefaults.Authentication;

namespace OpenDay.Assessment.Grpc;

/// <summary>
/// The year-end score (考核, §六(三)(四)): the county admin keeps the year's rubric, computes dated snapshots from the
/// facts the platform holds (<see cref="ScoreFacts"/>), and finalises one; each unit reads its own row only.
/// </summary>
public partial class AssessmentGrpcService
{
    public override async Task<Rubric> GetRubric(GetRubricRequest request, ServerCallContext context)
    {
        CheckYear(request.Year);
        return ToMessage(request.Year, await db.ScoreYears.AsNoTracking().SingleOrDefaultAsync(y => y.Year == request.Year, context.CancellationToken));
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<Rubric> UpdateRubric(UpdateRubricRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations().Year(request.Year);
        for (var i = 0; i < request.Criteria.Count; i++)
        {
            violations.Check(double.IsFinite(request.Criteria[i].Weight), $"criteria[{i}].weight", $"criteria[{i}].weight must be a number.");
        }
        violations.ThrowIfAny();
        var criteria = request.Criteria.Select(ToCriterion).ToList();
        ScoreRules.CheckCriteria(violations, criteria).ThrowIfAny();

        var year = await db.ScoreYears.SingleOrDefaultAsync(y => y.Year == request.Year, context.CancellationToken);
        RefuseIfFinalised(year, request.Year);
        var now = time.GetUtcNow();
        if (year is null)
        {
            year = new ScoreYear { Year = request.Year, Criteria = ScoreRules.Defaults() };
            db.ScoreYears.Add(year);
        }
        db.RubricChanges.Add(new Domain.RubricChange
        {
            Year = request.Year, ChangedBy = caller.UserName ?? "", ChangedAt = now, Before = year.Criteria, After = criteria,
        });
        (year.Criteria, year.UpdatedBy, year.UpdatedAt) = (criteria, caller.UserName ?? "", now);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(request.Year, year);
    }

    [Authorize(Roles = $"{Roles.CountyAdmin},{Roles.CountyInspector}")]
    public override async Task<ListRubricChangesResponse> ListRubricChanges(GetRubricRequest request, ServerCallContext context)
    {
        CheckYear(request.Year);
        var changes = await db.RubricChanges.AsNoTracking().Where(c => c.Year == request.Year).OrderBy(c => c.ChangedAt)
            .ToListAsync(context.CancellationToken);
        return new ListRubricChangesResponse
        {
            Changes =
            {
                changes.Select(c => new V1.RubricChange
                {
                    ChangedBy = c.ChangedBy, ChangedAt = Timestamp.FromDateTimeOffset(c.ChangedAt),
                    Before = { c.Before.Select(ToMessage) }, After = { c.After.Select(ToMessage) },
                }),
            },
        };
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<ScoreTable> ComputeScores(ComputeScoresRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        CheckYear(request.Year);
        var year = await db.ScoreYears.AsNoTracking().SingleOrDefaultAsync(y => y.Year == request.Year, ct);
        RefuseIfFinalised(year, request.Year);
        var rubric = year?.Criteria ?? ScoreRules.Defaults();

        var facts = await scoreFacts.GatherAsync(request.Year, ct);
        var snapshot = new ScoreSnapshot { Year = request.Year, ComputedAt = time.GetUtcNow(), ComputedBy = caller.UserName ?? "", Rubric = rubric };
        var rows = ScoreRules.Rank(facts.Units.Select(f => ScoreRules.Score(rubric, f))).Select(s => new UnitScoreRecord
        {
            SnapshotId = snapshot.Id,
            AssignedTenantId = s.UnitCode,
            UnitName = s.UnitName,
            UnitKind = facts.Kinds.GetValueOrDefault(s.UnitCode),
            Rank = s.Rank,
            Total = s.Total,
            Criteria = s.Criteria.ToList(),
        }).ToList();
        db.ScoreSnapshots.Add(snapshot);
        db.UnitScores.AddRange(rows);
        await db.SaveChangesAsync(ct);
        return ToMessage(snapshot, rows);
    }

    [Authorize(Roles = $"{Roles.CountyAdmin},{Roles.CountyInspector}")]
    public override async Task<ScoreTable> GetScoreTable(GetScoreTableRequest request, ServerCallContext context)
    {
        var (snapshot, rows) = await NewestSnapshotAsync(request.Year, context.CancellationToken);
        return ToMessage(snapshot, rows);
    }

    [Authorize(Roles = $"{Roles.CountyAdmin},{Roles.CountyInspector}")]
    public override async Task<HttpBody> ExportScores(GetScoreTableRequest request, ServerCallContext context)
    {
        var (snapshot, rows) = await NewestSnapshotAsync(request.Year, context.CancellationToken);
        context.GetHttpContext().Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
        {
            FileNameStar = $"考核结果-{request.Year}-{ChinaTime.DateOf(snapshot.ComputedAt).ToWire()}.xlsx",
        }.ToString();
        return new HttpBody { ContentType = Spreadsheets.ContentType, Data = ByteString.CopyFrom(ScoreExport.ToXlsx(snapshot, rows)) };
    }

    public override async Task<UnitScoreCard> GetUnitScore(GetUnitScoreRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Year(request.Year)
            .Required(request.UnitCode, "unit_code", 64)
            .ThrowIfAny();
        // A unit its own score and nobody else's (not even the units it supervises); the county roles any unit's.
        if (!caller.IsCountyRole && request.UnitCode != caller.TenantId) throw RpcErrors.NotFound("score", request.UnitCode);
        var ct = context.CancellationToken;
        var snapshot = await Newest(db.ScoreSnapshots.AsNoTracking(), request.Year).FirstOrDefaultAsync(ct);
        var row = snapshot is null ? null
            : await db.UnitScores.AsNoTracking().SingleOrDefaultAsync(r => r.SnapshotId == snapshot.Id && r.AssignedTenantId == request.UnitCode, ct);
        return row is null ? throw RpcErrors.NotFound("score", request.UnitCode) : ToMessage(snapshot!, row);
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<ScoreTable> FinaliseScores(FinaliseScoresRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        CheckYear(request.Year);
        var year = await db.ScoreYears.SingleOrDefaultAsync(y => y.Year == request.Year, ct);
        RefuseIfFinalised(year, request.Year);
        var newest = await Newest(db.ScoreSnapshots, request.Year).FirstOrDefaultAsync(ct)
                     ?? throw RpcErrors.FailedPrecondition(YearName(request.Year), "NOT_COMPUTED",
                         $"{request.Year} 年的考核尚未计算，请先计算再确定结果。Compute the {request.Year} scores before finalising them.");
        if (year is not null && !ScoreRules.SameRubric(year.Criteria, newest.Rubric))
        {
            throw RpcErrors.FailedPrecondition(YearName(request.Year), "RUBRIC_CHANGED",
                "评分细则在最近一次计算后已修改，请重新计算后再确定结果。The rubric changed after the newest computation: compute again, then finalise.");
        }
        if (year is null)
        {
            year = new ScoreYear { Year = request.Year, Criteria = newest.Rubric };
            db.ScoreYears.Add(year);
        }
        (year.FinalisedAt, year.FinalisedBy) = (time.GetUtcNow(), caller.UserName ?? "");
        newest.Final = true;
        await db.SaveChangesAsync(ct);
        var rows = await db.UnitScores.AsNoTracking().Where(r => r.SnapshotId == newest.Id).OrderBy(r => r.Rank).ThenBy(r => r.AssignedTenantId).ToListAsync(ct);
        return ToMessage(newest, rows);
    }

    private static void CheckYear(int year) => new FieldViolations().Year(year).ThrowIfAny();

    private static string YearName(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static void RefuseIfFinalised(ScoreYear? year, int number)
    {
        if (ScoreRules.ChangeRefusal(year?.Finalised == true) is { } refusal) throw RpcErrors.FailedPrecondition(YearName(number), "FINALISED", refusal);
    }

    /// <summary>
    /// The year's snapshot that counts: the final one once there is one (a computation that raced the finalisation and
    /// landed after it changes nothing), else the newest.
    /// </summary>
    private static IQueryable<ScoreSnapshot> Newest(IQueryable<ScoreSnapshot> snapshots, int year) =>
        snapshots.Where(s => s.Year == year).OrderByDescending(s => s.Final).ThenByDescending(s => s.ComputedAt);

    private async Task<(ScoreSnapshot, List<UnitScoreRecord>)> NewestSnapshotAsync(int year, CancellationToken ct)
    {
        CheckYear(year);
        var snapshot = await Newest(db.ScoreSnapshots.AsNoTracking(), year).FirstOrDefaultAsync(ct) ?? throw RpcErrors.NotFound("scores", YearName(year));
        var rows = await db.UnitScores.AsNoTracking().Where(r => r.SnapshotId == snapshot.Id)
            .OrderBy(r => r.Rank).ThenBy(r => r.AssignedTenantId).ToListAsync(ct);
        return (snapshot, rows);
    }

    private static Criterion ToCriterion(RubricCriterion c) => new()
    {
        // Anything outside 0–100 is refused by the rubric checks; clamped first so that 1e30 is refused, not an overflow.
        Kind = c.Kind, Name = c.Name.Trim(), Weight = Math.Round((decimal)Math.Clamp(c.Weight, -1, 1000), 2, MidpointRounding.AwayFromZero),
        Threshold = c.Threshold,
    };

    private static RubricCriterion ToMessage(Criterion c) => new() { Kind = c.Kind, Name = c.Name, Weight = (double)c.Weight, Threshold = c.Threshold };

    private static Rubric ToMessage(int number, ScoreYear? year)
    {
        var criteria = year?.Criteria ?? ScoreRules.Defaults();
        var message = new Rubric
        {
            Year = number,
            Criteria = { criteria.Select(ToMessage) },
            TotalWeight = (double)criteria.Sum(c => c.Weight),
            IsDefault = year is null || year.UpdatedBy.Length == 0,
            Finalised = year?.Finalised == true,
            UpdatedBy = year?.UpdatedBy ?? "",
        };
        if (year is { UpdatedBy.Length: > 0 }) message.UpdatedAt = Timestamp.FromDateTimeOffset(year.UpdatedAt);
        return message;
    }

    private static ScoreTable ToMessage(ScoreSnapshot snapshot, IEnumerable<UnitScoreRecord> rows) => new()
    {
        Id = snapshot.Id.ToString(),
        Year = snapshot.Year,
        ComputedAt = Timestamp.FromDateTimeOffset(snapshot.ComputedAt),
        ComputedBy = snapshot.ComputedBy,
        Final = snapshot.Final,
        Rubric = { snapshot.Rubric.Select(ToMessage) },
        Units = { rows.Select(r => ToMessage(snapshot, r)) },
    };

    private static UnitScoreCard ToMessage(ScoreSnapshot snapshot, UnitScoreRecord r) => new()
    {
        Year = snapshot.Year,
        UnitCode = r.AssignedTenantId,
        UnitName = r.UnitName,
        UnitKind = r.UnitKind,
        Rank = r.Rank,
        Total = (double)r.Total,
        Criteria =
        {
            r.Criteria.Select(c => new CriterionPoints { Kind = c.Kind, Name = c.Name, Weight = (double)c.Weight, Points = (double)c.Points, Evidence = c.Evidence }),
        },
        ComputedAt = Timestamp.FromDateTimeOffset(snapshot.ComputedAt),
        Final = snapshot.Final,
    };
}
