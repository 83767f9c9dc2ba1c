using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using Grpc.Core;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Tests;

/// <summary>
/// The year-end score (考核, §六(四)) of three units against the default rubric, computed by hand below: 沂城街道 does
/// everything on time; 高桥镇 files its plan late, publishes its report 2 working days late and rectifies an inspection
/// problem late; 诸葛镇 files its plan on time but holds no event.
/// </summary>
public class ScoreRulesTests
{
    private static readonly UnitYearFacts OnTime = new("yicheng-street", "沂城街道", PlanFact.OnTime, EventsHeld: 1, MinimumEvents: 1,
        [new ReportFact("政务服务开放日", 0)], RostersFinalised: 1, RostersMet: 1, OpinionsReceived: 2, OpinionsAnswered: 2, OpinionsAnsweredOnTime: 2,
        BestQuestionnaireAnswers: 12, ProblemsFound: 0, ProblemsRectifiedOnTime: 0);

    private static readonly UnitYearFacts Late = new("gaoqiao-town", "高桥镇", PlanFact.Late, EventsHeld: 1, MinimumEvents: 1,
        [new ReportFact("高桥镇开放日", 2)], RostersFinalised: 1, RostersMet: 1, OpinionsReceived: 1, OpinionsAnswered: 1, OpinionsAnsweredOnTime: 1,
        BestQuestionnaireAnswers: 0, ProblemsFound: 1, ProblemsRectifiedOnTime: 0);

    private static readonly UnitYearFacts NoEvent = new("zhuge-town", "诸葛镇", PlanFact.OnTime, EventsHeld: 0, MinimumEvents: 1,
        [], RostersFinalised: 0, RostersMet: 0, OpinionsReceived: 0, OpinionsAnswered: 0, OpinionsAnsweredOnTime: 0,
        BestQuestionnaireAnswers: 0, ProblemsFound: 0, ProblemsRectifiedOnTime: 0);

    [Fact]
    public void The_three_units_score_as_computed_by_hand_and_rank_in_that_order()
    {
        var rubric = ScoreRules.Defaults();
        var ranked = ScoreRules.Rank([ScoreRules.Score(rubric, NoEvent), ScoreRules.Score(rubric, Late), ScoreRules.Score(rubric, OnTime)]);

        // Weights: plan 10, events 20, reports 15, rosters 10, answered 15, on time 10, evaluation 10 (K = 10), inspections 10 (−5 each).
        // 沂城街道: 10 + 20 + 15 + 10 + 15 + 10 + 10 + 10 = 100.
        // 高桥镇: 0 (late plan) + 20 + 0 (report 2 days late) + 10 + 15 + 10 + 0 (no evaluation) + (10 − 5, rectified late) = 60.
        // 诸葛镇: 10 (plan on time) + 0 + 0 + 0 + 0 + 0 + 0 + 10 (no problems) = 20.
        Assert.Equal([("yicheng-street", 100m, 1), ("gaoqiao-town", 60m, 2), ("zhuge-town", 20m, 3)], ranked.Select(s => (s.UnitCode, s.Total, s.Rank)));
        Assert.Equal([10m, 20m, 15m, 10m, 15m, 10m, 10m, 10m], ranked[0].Criteria.Select(c => c.Points));
        Assert.Equal([0m, 20m, 0m, 10m, 15m, 10m, 0m, 5m], ranked[1].Criteria.Select(c => c.Points));
        Assert.Equal([10m, 0m, 0m, 0m, 0m, 0m, 0m, 10m], ranked[2].Criteria.Select(c => c.Points));
        // The evidence says why, in words.
        Assert.Contains("“高桥镇开放日”的开展情况逾期 2 个工作日发布", ranked[1].Criteria.Single(c => c.Kind == CriterionKind.ReportsOnTime).Evidence);
        Assert.Contains("逾期报备", ranked[1].Criteria.Single(c => c.Kind == CriterionKind.PlanOnTime).Evidence);
    }

    [Fact]
    public void A_heavier_plan_weight_puts_the_unit_without_events_above_the_late_one_as_computed_by_hand()
    {
        var rubric = ScoreRules.Defaults();
        rubric.Single(c => c.Kind == CriterionKind.PlanOnTime).Weight = 60;
        var ranked = ScoreRules.Rank([ScoreRules.Score(rubric, OnTime), ScoreRules.Score(rubric, Late), ScoreRules.Score(rubric, NoEvent)]);
        // 沂城街道 100 − 10 + 60 = 150; 诸葛镇 20 − 10 + 60 = 70; 高桥镇 60 (its plan was late: 0 either way).
        Assert.Equal([("yicheng-street", 150m), ("zhuge-town", 70m), ("gaoqiao-town", 60m)], ranked.Select(s => (s.UnitCode, s.Total)));
    }

    [Fact]
    public void Shares_are_rounded_to_two_decimals_and_deductions_stop_at_zero()
    {
        var facts = Late with { OpinionsReceived = 3, OpinionsAnswered = 2, OpinionsAnsweredOnTime = 1, ProblemsFound = 4 };
        var score = ScoreRules.Score(ScoreRules.Defaults(), facts);
        Assert.Equal(10m, score.Criteria.Single(c => c.Kind == CriterionKind.OpinionsAnswered).Points);  // 15 × 2/3
        Assert.Equal(3.33m, score.Criteria.Single(c => c.Kind == CriterionKind.OpinionsOnTime).Points);  // 10 × 1/3
        Assert.Equal(0m, score.Criteria.Single(c => c.Kind == CriterionKind.Inspections).Points);       // 10 − 4 × 5, not below 0
    }

    [Fact]
    public void Equal_totals_share_a_rank()
    {
        var twin = OnTime with { UnitCode = "zz-twin" };
        var ranked = ScoreRules.Rank([ScoreRules.Score(ScoreRules.Defaults(), OnTime), ScoreRules.Score(ScoreRules.Defaults(), twin),
            ScoreRules.Score(ScoreRules.Defaults(), Late)]);
        Assert.Equal([1, 1, 3], ranked.Select(s => s.Rank));
    }

    [Fact]
    public void A_negative_weight_is_refused_naming_the_field_and_a_finalised_rubric_cannot_change()
    {
        var rubric = ScoreRules.Defaults();
        rubric[2].Weight = -5;
        var violations = ScoreRules.CheckCriteria(new FieldViolations(), rubric);
        Assert.False(violations.IsValid);
        var error = Assert.Throws<RpcException>(violations.ThrowIfAny);
        Assert.Equal(["criteria[2].weight"], error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field));
        Assert.True(ScoreRules.CheckCriteria(new FieldViolations(), ScoreRules.Defaults()).IsValid);
        Assert.Null(ScoreRules.ChangeRefusal(finalised: false));
        Assert.Contains("finalised", ScoreRules.ChangeRefusal(finalised: true));
    }
}
