using System.Globalization;
using Grpc.Core;
using Npgsql;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// The year-end score (考核, §六(三)(四)) through the whole stack: the assessment service gathers the facts from events
/// and registrations as itself, scores every unit by the county's rubric, ranks them, keeps dated snapshots, and
/// freezes one when the county admin finalises the year.
/// </summary>
[Collection(StackCollection.Name)]
public class ScoreTests(OpenDayStack stack)
{
    private readonly Clients _county = new(stack, "county.admin");

    /// <summary>The default criteria with K = 1 answer for the policy evaluation: what the hand computation below uses.</summary>
    private static UpdateRubricRequest Rubric(int year, double inspectionsWeight = 10, int deductionPerProblem = 5) => new()
    {
        Year = year,
        Criteria =
        {
            new RubricCriterion { Kind = CriterionKind.PlanOnTime, Name = "按时报备年度计划", Weight = 10 },
            new RubricCriterion { Kind = CriterionKind.EventsHeld, Name = "举办活动达到最低场次", Weight = 20 },
            new RubricCriterion { Kind = CriterionKind.ReportsOnTime, Name = "按时发布活动开展情况", Weight = 15 },
            new RubricCriterion { Kind = CriterionKind.RostersMet, Name = "参与人员名单符合群众代表比例", Weight = 10 },
            new RubricCriterion { Kind = CriterionKind.OpinionsAnswered, Name = "意见建议办理答复率", Weight = 15 },
            new RubricCriterion { Kind = CriterionKind.OpinionsOnTime, Name = "意见建议按期答复率", Weight = 10 },
            new RubricCriterion { Kind = CriterionKind.PolicyEvaluation, Name = "开展政策评价", Weight = 10, Threshold = 1 },
            new RubricCriterion { Kind = CriterionKind.Inspections, Name = "督促检查发现问题整改", Weight = inspectionsWeight, Threshold = deductionPerProblem },
        },
    };

    [Fact]
    public async Task Three_units_are_ranked_as_computed_by_hand_a_weight_change_reranks_them_and_finalising_freezes_the_year()
    {
        // 2026: the campaign whose window has passed, so events can be held and reports published late. What only the
        // past can produce is seeded into the services' databases: A's plan filed before 09-15, A's report published on
        // its due date, and the rosters A and B finalised before their events (sign-up closes before an event starts,
        // and an event is held only once it started).
        const int year = 2026;
        var (a, b, c) = (await NewUnitAsync("score-a", "评分甲镇"), await NewUnitAsync("score-b", "评分乙镇"), await NewUnitAsync("score-c", "评分丙镇"));
        await _county.Assessment.UpdateRubricAsync(Rubric(year), await _county.Call());

        // A: plan on time, one event held with a roster meeting the share, its report on time, one opinion answered on
        // time, a paper questionnaire.
        var unitA = Clients.ForgedUnitAdmin(stack, a);
        var planA = await unitA.Events.FilePlanAsync(EventRequests.Plan(year), await unitA.Call());
        await SeedAsync("eventsdb", """UPDATE plans SET "Late" = false, "FiledAt" = '2026-09-01T02:00:00Z' WHERE "Id" = @id""", Guid.Parse(planA.Id));
        var eventA = await Ledger.HeldEventAsync(unitA, title: "甲镇开放日");
        var reportA = await unitA.Assessment.DraftReportAsync(new DraftReportRequest { EventId = eventA, Summary = "甲镇开放日开展情况" }, await unitA.Call());
        await unitA.Assessment.PublishReportAsync(new PublishReportRequest { Id = reportA.Id }, await unitA.Call());
        await SeedAsync("assessmentdb", """
            UPDATE reports SET "Late" = false, "WorkingDaysLate" = 0, "PublishedOn" = "DueOn" WHERE "Id" = @id
            """, Guid.Parse(reportA.Id));
        await SeedAsync("registrationsdb", RosterFinalised(confirmed: 3, publicRepresentatives: 1), Guid.Parse(eventA));
        // Due a year from today, so that it is answered on time whenever the test runs.
        var dueInAYear = DateOnly.ParseExact(Ledger.Today, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var opinion = await Ledger.RecordAsync(unitA, eventA, dueDate: dueInAYear);
        await Ledger.AnswerAsync(unitA, opinion.Id);
        var questionnaire = await Questionnaires.OpenAsync(unitA, eventA);
        await unitA.Assessment.EnterPaperAnswerAsync(new QuestionnaireAnswerRequest
        {
            QuestionnaireId = questionnaire.Id, Answers = { Questionnaires.Answers(1, [1], 5, "") },
        }, await unitA.Call());

        // B: plan late (filed now), one event held with a roster short of public representatives, an opinion not answered,
        // its report published now (late), an inspection problem rectified late.
        var unitB = Clients.ForgedUnitAdmin(stack, b);
        await unitB.Events.FilePlanAsync(EventRequests.Plan(year), await unitB.Call());
        var eventB = await Ledger.HeldEventAsync(unitB, title: "乙镇开放日");
        await SeedAsync("registrationsdb", RosterFinalised(confirmed: 3, publicRepresentatives: 0), Guid.Parse(eventB)); // below ⌈3 × 1/3⌉
        await Ledger.RecordAsync(unitB, eventB, text: "乙镇未答复的意见");
        var reportB = await unitB.Assessment.DraftReportAsync(new DraftReportRequest { EventId = eventB, Summary = "乙镇开放日开展情况" }, await unitB.Call());
        var publishedB = await unitB.Assessment.PublishReportAsync(new PublishReportRequest { Id = reportB.Id }, await unitB.Call());
        var inspection = await _county.Assessment.RecordInspectionAsync(new RecordInspectionRequest
        {
            UnitCode = b, InspectedOn = "2026-10-20", Kind = InspectionKind.Supervision, Findings = "公开栏未更新",
            Rating = InspectionRating.ProblemsFound, RectificationRequired = "更新公开栏", RectificationWorkingDays = 1,
        }, await _county.Call());
        var rectified = await unitB.Assessment.RecordRectificationAsync(new RecordRectificationRequest { Id = inspection.Id, Note = "已更新" }, await unitB.Call());
        Assert.False(rectified.RectifiedOnTime); // due 2026-10-21, rectified today

        // C: nothing at all.

        var table = await _county.Assessment.ComputeScoresAsync(new ComputeScoresRequest { Year = year }, await _county.Call());
        var (cardA, cardB, cardC) = (Card(table, a), Card(table, b), Card(table, c));
        // By hand, weights 10/20/15/10/15/10/10/10 (min 1 event, K = 1, 5 off per problem not rectified on time):
        // A: 10 + 20 + 15 + 10 + 15 + 10 + 10 + 10 = 100
        // B:  0 + 20 +  0 +  0 (1 roster, below the share) +  0 (0 of 1 answered) +  0 + 0 + (10 − 5) = 25
        // C:  0 +  0 +  0 +  0 +  0 +  0 + 0 + 10 = 10
        Assert.Equal([10, 20, 15, 10, 15, 10, 10, 10], Points(cardA));
        Assert.Equal([0, 20, 0, 0, 0, 0, 0, 5], Points(cardB));
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 10], Points(cardC));
        Assert.Equal((100.0, 25.0, 10.0), (cardA.Total, cardB.Total, cardC.Total));
        Assert.True(cardA.Rank < cardB.Rank && cardB.Rank < cardC.Rank, $"ranks {cardA.Rank}, {cardB.Rank}, {cardC.Rank}");
        Assert.Equal(UnitKind.Township, cardA.UnitKind);

        // The evidence in words: B's report late by the calendar's working days from its due date to today.
        var late = (await _county.Events.CountWorkingDaysAsync(new CountWorkingDaysRequest { FromDates = { publishedB.DueOn }, ToDate = Ledger.Today },
            await _county.Call())).WorkingDays.Single();
        Assert.Contains($"“乙镇开放日”的开展情况逾期 {late} 个工作日发布", Evidence(cardB, CriterionKind.ReportsOnTime));
        Assert.Contains("逾期报备", Evidence(cardB, CriterionKind.PlanOnTime));
        Assert.Contains("按期整改 0 项", Evidence(cardB, CriterionKind.Inspections));
        Assert.Equal("确定名单 1 份，其中 0 份达到群众代表比例。", Evidence(cardB, CriterionKind.RostersMet));
        Assert.Equal("确定名单 1 份，其中 1 份达到群众代表比例。", Evidence(cardA, CriterionKind.RostersMet));
        Assert.Equal("收到意见建议 1 条，已答复 1 条。", Evidence(cardA, CriterionKind.OpinionsAnswered));
        Assert.Equal("收到意见建议 1 条，已答复 0 条。", Evidence(cardB, CriterionKind.OpinionsAnswered));
        Assert.Contains("举办活动 0 场", Evidence(cardC, CriterionKind.EventsHeld));

        // Each unit reads its own card, with the evidence; another unit's is not found.
        var own = await unitA.Assessment.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitCode = a }, await unitA.Call());
        Assert.Equal((100.0, cardA.Rank, 8), (own.Total, own.Rank, own.Criteria.Count));
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await unitA.Assessment.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitCode = b }, await unitA.Call()));
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
        var ranking = await Assert.ThrowsAsync<RpcException>(async () =>
            await unitA.Assessment.GetScoreTableAsync(new GetScoreTableRequest { Year = year }, await unitA.Call()));
        Assert.Equal(StatusCode.PermissionDenied, ranking.StatusCode);

        // The XLSX export: the ranked table with the same numbers, and the evidence.
        var xlsx = await _county.Assessment.ExportScoresAsync(new GetScoreTableRequest { Year = year }, await _county.Call());
        var sheets = Questionnaires.Sheets(xlsx.Data.ToByteArray());
        var rowA = sheets["考核排名"].Single(r => r.Count > 1 && r[1] == a);
        Assert.Equal([cardA.Rank.ToString(CultureInfo.InvariantCulture), a, "评分甲镇", "乡镇", "100", "10", "20", "15", "10", "15", "10", "10", "10"], rowA);
        Assert.Contains(sheets["评分依据"], r => r[0] == b && r[5].Contains("逾期报备", StringComparison.Ordinal));

        // Inspections weigh 60 with 50 off per problem: A 100 − 10 + 60 = 150; B 0 + 20 + 0 + 0 + 0 + 0 + 0 + (60 − 50) = 30;
        // C 60: C now ranks above B.
        await _county.Assessment.UpdateRubricAsync(Rubric(year, inspectionsWeight: 60, deductionPerProblem: 50), await _county.Call());
        var reweighted = await _county.Assessment.ComputeScoresAsync(new ComputeScoresRequest { Year = year }, await _county.Call());
        var (a2, b2, c2) = (Card(reweighted, a), Card(reweighted, b), Card(reweighted, c));
        Assert.Equal((150.0, 30.0, 60.0), (a2.Total, b2.Total, c2.Total));
        Assert.True(a2.Rank < c2.Rank && c2.Rank < b2.Rank, $"ranks {a2.Rank}, {c2.Rank}, {b2.Rank}");
        Assert.True(reweighted.ComputedAt.ToDateTimeOffset() > table.ComputedAt.ToDateTimeOffset());
        var changes = await _county.Assessment.ListRubricChangesAsync(new GetRubricRequest { Year = year }, await _county.Call());
        Assert.Equal([10.0, 60.0], changes.Changes.TakeLast(1).SelectMany(ch => new[] { ch.Before, ch.After })
            .Select(cs => cs.Single(x => x.Kind == CriterionKind.Inspections).Weight));

        // A rubric changed after the newest computation cannot be finalised with it; put back, it can.
        await _county.Assessment.UpdateRubricAsync(Rubric(year, inspectionsWeight: 60, deductionPerProblem: 40), await _county.Call());
        var stale = await Assert.ThrowsAsync<RpcException>(async () =>
            await _county.Assessment.FinaliseScoresAsync(new FinaliseScoresRequest { Year = year }, await _county.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, stale.StatusCode);
        Assert.Contains("重新计算", stale.Status.Detail);
        await _county.Assessment.UpdateRubricAsync(Rubric(year, inspectionsWeight: 60, deductionPerProblem: 50), await _county.Call());

        // Finalising freezes the newest snapshot: the rubric and the scores no longer change.
        var final = await _county.Assessment.FinaliseScoresAsync(new FinaliseScoresRequest { Year = year }, await _county.Call());
        Assert.True(final.Final);
        Assert.Equal(reweighted.Id, final.Id);
        Assert.True((await unitA.Assessment.GetUnitScoreAsync(new GetUnitScoreRequest { Year = year, UnitCode = a }, await unitA.Call())).Final);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await _county.Assessment.UpdateRubricAsync(Rubric(year), await _county.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("考核结果已确定", refused.Status.Detail);
        var recompute = await Assert.ThrowsAsync<RpcException>(async () =>
            await _county.Assessment.ComputeScoresAsync(new ComputeScoresRequest { Year = year }, await _county.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, recompute.StatusCode);
        Assert.Equal(60.0, (await _county.Assessment.GetRubricAsync(new GetRubricRequest { Year = year }, await unitA.Call()))
            .Criteria.Single(x => x.Kind == CriterionKind.Inspections).Weight);
    }

    [Fact]
    public async Task Bad_rubrics_are_refused_naming_the_field_and_nothing_is_written()
    {
        const int year = 2093;
        var negative = Rubric(year);
        negative.Criteria[2].Weight = -5;
        var (status, body, _) = await Ledger.RestAsync(stack, HttpMethod.Put, $"/api/v1/assessment/scores/{year}/rubric", "county.admin", negative);
        Assert.Equal((HttpStatusCode.BadRequest, "criteria[2].weight"), (status, People.ViolatedField(body)));

        var twice = Rubric(year);
        twice.Criteria[1].Kind = CriterionKind.PlanOnTime;
        var (twiceStatus, twiceBody, _) = await Ledger.RestAsync(stack, HttpMethod.Put, $"/api/v1/assessment/scores/{year}/rubric", "county.admin", twice);
        Assert.Equal((HttpStatusCode.BadRequest, "criteria"), (twiceStatus, People.ViolatedField(twiceBody)));

        var noAnswers = Rubric(year);
        noAnswers.Criteria[6].Threshold = 0;
        var (kStatus, kBody, _) = await Ledger.RestAsync(stack, HttpMethod.Put, $"/api/v1/assessment/scores/{year}/rubric", "county.admin", noAnswers);
        Assert.Equal((HttpStatusCode.BadRequest, "criteria[6].threshold"), (kStatus, People.ViolatedField(kBody)));

        var rubric = await _county.Assessment.GetRubricAsync(new GetRubricRequest { Year = year }, await _county.Call());
        Assert.True(rubric.IsDefault);
        Assert.Empty((await _county.Assessment.ListRubricChangesAsync(new GetRubricRequest { Year = year }, await _county.Call())).Changes);

        // A unit may read the rubric, not change it; finalising a year never computed is refused with the reason.
        var unit = new Clients(stack, "gaoqiao.admin");
        Assert.Equal(100.0, (await unit.Assessment.GetRubricAsync(new GetRubricRequest { Year = year }, await unit.Call())).TotalWeight);
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await unit.Assessment.UpdateRubricAsync(Rubric(year), await unit.Call()));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var early = await Assert.ThrowsAsync<RpcException>(async () =>
            await _county.Assessment.FinaliseScoresAsync(new FinaliseScoresRequest { Year = year }, await _county.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
    }

    [Fact]
    public async Task The_first_rubrics_of_a_year_saved_at_once_are_each_saved_or_refused_as_a_race_never_an_internal_error()
    {
        const int year = 2096;
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                await _county.Assessment.UpdateRubricAsync(Rubric(year, inspectionsWeight: 10 + i), await _county.Call());
                return StatusCode.OK;
            }
            catch (RpcException e)
            {
                return e.StatusCode;
            }
        }));

        Assert.All(outcomes, o => Assert.Contains(o, new[] { StatusCode.OK, StatusCode.Aborted }));
        Assert.Contains(StatusCode.OK, outcomes);
        var changes = await _county.Assessment.ListRubricChangesAsync(new GetRubricRequest { Year = year }, await _county.Call());
        Assert.Equal(outcomes.Count(o => o == StatusCode.OK), changes.Changes.Count); // a refused save wrote nothing
    }

    private async Task<string> NewUnitAsync(string prefix, string name)
    {
        var code = $"{prefix}-{Guid.NewGuid():N}"[..16];
        await _county.Units.CreateUnitAsync(new CreateUnitRequest { Code = code, Name = name, Kind = UnitKind.Township }, await _county.Call());
        return code;
    }

    /// <summary>Writes what only the past can produce straight into a service's database, as its owner.</summary>
    private async Task SeedAsync(string database, string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(await stack.App.GetConnectionStringAsync(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static string RosterFinalised(int confirmed, int publicRepresentatives) => $"""
        UPDATE event_rosters SET "Finalised" = true, "FinalisedAt" = '2026-10-19T02:00:00Z', "Confirmed" = {confirmed},
               "ConfirmedPublicRepresentatives" = {publicRepresentatives}, "MinPublicShareNumerator" = 1, "MinPublicShareDenominator" = 3
         WHERE "EventId" = @id
        """;

    private static UnitScoreCard Card(ScoreTable table, string unit) => table.Units.Single(u => u.UnitCode == unit);

    private static double[] Points(UnitScoreCard card) => card.Criteria.Select(c => c.Points).ToArray();

    private static string Evidence(UnitScoreCard card, CriterionKind kind) => card.Criteria.Single(c => c.Kind == kind).Evidence;
}
