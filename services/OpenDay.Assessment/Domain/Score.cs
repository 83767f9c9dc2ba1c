using System.Globalization;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// One line of the rubric: what it measures (<see cref="CriterionKind"/>, the contract's enum: plan on time, events held,
/// reports on time, rosters met, opinions answered and on time, policy evaluation, inspections), its points, and its
/// rule's number (K answers, or the deduction per problem).
/// </summary>
public sealed class Criterion
{
    public CriterionKind Kind { get; set; }
    public string Name { get; set; } = "";
    public decimal Weight { get; set; }
    public int Threshold { get; set; }
}

/// <summary>What one unit did in the year, gathered from events, registrations and this service before scoring.</summary>
public sealed record UnitYearFacts(
    string UnitCode,
    string UnitName,
    PlanFact Plan,
    int EventsHeld,
    int MinimumEvents,
    IReadOnlyList<ReportFact> Reports,
    int RostersFinalised,
    int RostersMet,
    int OpinionsReceived,
    int OpinionsAnswered,
    int OpinionsAnsweredOnTime,
    int BestQuestionnaireAnswers,
    int ProblemsFound,
    int ProblemsRectifiedOnTime);

public enum PlanFact { NotFiled, OnTime, Late }

/// <summary>A held event and its report: not published (null), or published with the working days late (0: on time).</summary>
public sealed record ReportFact(string EventTitle, int? WorkingDaysLate);

/// <summary>A criterion's points for one unit, and the evidence in words.</summary>
public sealed record CriterionScore(CriterionKind Kind, string Name, decimal Weight, decimal Points, string Evidence);

public sealed record UnitScore(string UnitCode, string UnitName, decimal Total, IReadOnlyList<CriterionScore> Criteria)
{
    public int Rank { get; init; }
}

/// <summary>
/// The rubric and the score (§六(四)): the default criteria, what a rubric must be, and each unit's points with the
/// evidence behind them. Points are rounded to two decimals per criterion; the total is their sum; ties share a rank.
/// </summary>
public static class ScoreRules
{
    public const int MaxCriteria = 20;
    public const decimal MaxWeight = 100;

    public static List<Criterion> Defaults() =>
    [
        new() { Kind = CriterionKind.PlanOnTime, Name = "按时报备年度计划", Weight = 10 },
        new() { Kind = CriterionKind.EventsHeld, Name = "举办活动达到最低场次", Weight = 20 },
        new() { Kind = CriterionKind.ReportsOnTime, Name = "按时发布活动开展情况", Weight = 15 },
        new() { Kind = CriterionKind.RostersMet, Name = "参与人员名单符合群众代表比例", Weight = 10 },
        new() { Kind = CriterionKind.OpinionsAnswered, Name = "意见建议办理答复率", Weight = 15 },
        new() { Kind = CriterionKind.OpinionsOnTime, Name = "意见建议按期答复率", Weight = 10 },
        new() { Kind = CriterionKind.PolicyEvaluation, Name = "开展政策评价", Weight = 10, Threshold = 10 },
        new() { Kind = CriterionKind.Inspections, Name = "督促检查发现问题整改", Weight = 10, Threshold = 5 },
    ];

    /// <summary>Every criterion once, a name, a weight of 0–100 (never negative), a sensible rule number.</summary>
    public static FieldViolations CheckCriteria(FieldViolations violations, IReadOnlyList<Criterion> criteria)
    {
        violations
            .Check(criteria.Count >= 1, "criteria", "criteria must have at least one criterion.")
            .Check(criteria.Count <= MaxCriteria, "criteria", $"criteria must have at most {MaxCriteria} criteria.")
            .Check(criteria.Select(c => c.Kind).Distinct().Count() == criteria.Count, "criteria", "criteria names each kind once.");
        for (var i = 0; i < criteria.Count; i++)
        {
            var c = criteria[i];
            var field = $"criteria[{i}]";
            violations
                .Check(c.Kind != CriterionKind.Unspecified && Enum.IsDefined(c.Kind), $"{field}.kind", $"{field}.kind must be one of the criteria the platform computes.")
                .Required(c.Name, $"{field}.name", 100)
                .Check(c.Weight >= 0, $"{field}.weight", $"{field}.weight cannot be negative.")
                .Check(c.Weight <= MaxWeight, $"{field}.weight", $"{field}.weight must be at most {MaxWeight}.")
                .Check(c.Threshold >= 0 && c.Threshold <= 1000, $"{field}.threshold", $"{field}.threshold must be from 0 to 1000.")
                .Check(c.Kind != CriterionKind.PolicyEvaluation || c.Threshold >= 1, $"{field}.threshold",
                    $"{field}.threshold: a policy evaluation needs at least one answer (K ≥ 1).");
        }
        return violations;
    }

    /// <summary>The same criteria in the same order: what a snapshot was computed with is still the year's rubric.</summary>
    public static bool SameRubric(IReadOnlyList<Criterion> a, IReadOnlyList<Criterion> b) =>
        a.Select(c => (c.Kind, c.Name, c.Weight, c.Threshold)).SequenceEqual(b.Select(c => (c.Kind, c.Name, c.Weight, c.Threshold)));

    public static string? ChangeRefusal(bool finalised) => finalised
        ? "The year's scores are finalised; the rubric cannot change. 本年度考核结果已确定，评分细则不能再修改。"
        : null;

    public static UnitScore Score(IReadOnlyList<Criterion> rubric, UnitYearFacts facts)
    {
        var criteria = rubric.Select(c =>
        {
            var (share, evidence) = Measure(c, facts);
            var points = c.Kind == CriterionKind.Inspections
                ? Math.Max(0, c.Weight - c.Threshold * (facts.ProblemsFound - facts.ProblemsRectifiedOnTime))
                : Math.Round(c.Weight * share, 2, MidpointRounding.AwayFromZero);
            return new CriterionScore(c.Kind, c.Name, c.Weight, points, evidence);
        }).ToList();
        return new UnitScore(facts.UnitCode, facts.UnitName, criteria.Sum(c => c.Points), criteria);
    }

    /// <summary>Highest total first; equal totals share a rank (1, 2, 2, 4), then by unit code for a stable order.</summary>
    public static List<UnitScore> Rank(IEnumerable<UnitScore> scores)
    {
        var ordered = scores.OrderByDescending(s => s.Total).ThenBy(s => s.UnitCode, StringComparer.Ordinal).ToList();
        var ranked = new List<UnitScore>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var tied = i > 0 && ordered[i].Total == ordered[i - 1].Total;
            ranked.Add(ordered[i] with { Rank = tied ? ranked[i - 1].Rank : i + 1 });
        }
        return ranked;
    }

    private static (decimal Share, string Evidence) Measure(Criterion c, UnitYearFacts f)
    {
        var held = f.EventsHeld;
        return c.Kind switch
        {
            CriterionKind.PlanOnTime => f.Plan switch
            {
                PlanFact.OnTime => (1m, "年度计划按时报备。"),
                PlanFact.Late => (0m, "年度计划逾期报备。"),
                _ => (0m, "未报备年度计划。"),
            },
            CriterionKind.EventsHeld => f.MinimumEvents <= 0
                ? (1m, $"举办活动 {held} 场（本年度无最低场次要求）。")
                : (Math.Min(held, f.MinimumEvents) / (decimal)f.MinimumEvents, $"举办活动 {held} 场，最低要求 {f.MinimumEvents} 场。"),
            CriterionKind.ReportsOnTime => held == 0
                ? (0m, "未举办活动，无活动开展情况可发布。")
                : (f.Reports.Count(r => r.WorkingDaysLate == 0) / (decimal)held, ReportEvidence(f.Reports, held)),
            CriterionKind.RostersMet => f.RostersFinalised == 0
                ? (0m, "没有确定的参与人员名单。")
                : (f.RostersMet / (decimal)f.RostersFinalised, $"确定名单 {f.RostersFinalised} 份，其中 {f.RostersMet} 份达到群众代表比例。"),
            CriterionKind.OpinionsAnswered => OpinionShare(f, f.OpinionsAnswered, "已答复"),
            CriterionKind.OpinionsOnTime => OpinionShare(f, f.OpinionsAnsweredOnTime, "按期答复"),
            CriterionKind.PolicyEvaluation => f.BestQuestionnaireAnswers >= c.Threshold
                ? (1m, $"开展政策评价，问卷 {f.BestQuestionnaireAnswers} 份（要求至少 {c.Threshold} 份）。")
                : (0m, f.BestQuestionnaireAnswers == 0 ? "未开展政策评价。" : $"政策评价问卷 {f.BestQuestionnaireAnswers} 份，少于要求的 {c.Threshold} 份。"),
            CriterionKind.Inspections => (0m, f.ProblemsFound == 0
                ? "督促检查未发现问题。"
                : $"督促检查发现问题 {f.ProblemsFound} 项，按期整改 {f.ProblemsRectifiedOnTime} 项，每项未按期整改扣 {c.Threshold} 分。"),
            _ => (0m, ""),
        };
    }

    private static (decimal, string) OpinionShare(UnitYearFacts f, int count, string what) =>
        f.EventsHeld == 0 && f.OpinionsReceived == 0 ? (0m, "未举办活动，无意见建议。")
        : f.OpinionsReceived == 0 ? (1m, "没有需要办理的意见建议。")
        : (count / (decimal)f.OpinionsReceived, $"收到意见建议 {f.OpinionsReceived} 条，{what} {count} 条。");

    private static string ReportEvidence(IReadOnlyList<ReportFact> reports, int held)
    {
        var lines = new List<string> { $"举办活动 {held} 场，按时发布开展情况 {reports.Count(r => r.WorkingDaysLate == 0)} 场。" };
        lines.AddRange(reports.Where(r => r.WorkingDaysLate is null).Select(r => $"“{r.EventTitle}”的开展情况未发布。"));
        lines.AddRange(reports.Where(r => r.WorkingDaysLate > 0).Select(r =>
            $"“{r.EventTitle}”的开展情况逾期 {r.WorkingDaysLate.GetValueOrDefault().ToString(CultureInfo.InvariantCulture)} 个工作日发布。"));
        return string.Join("", lines);
    }
}
