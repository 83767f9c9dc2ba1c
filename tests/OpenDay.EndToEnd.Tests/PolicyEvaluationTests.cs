using System.Globalization;
using System.Text;
using Grpc.Core;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Policy evaluation (政策评价, §六(二)): a questionnaire of the four kinds, answered once per code by the event's
/// confirmed participants over the public route (registrations confirms each code over gRPC), plus paper answers
/// entered by staff; results per question and their XLSX and CSV exports; the freeze after the first answer; bad input.
/// </summary>
[Collection(StackCollection.Name)]
public class PolicyEvaluationTests(OpenDayStack stack)
{
    private readonly Clients _gaoqiao = new(stack, "gaoqiao.admin");
    private readonly Clients _yicheng = new(stack, "yicheng.admin");

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body, HttpResponseMessage Response)> AnswerAsync(string questionnaireId, object body) =>
        Ledger.RestAsync(stack, HttpMethod.Post, $"/api/v1/public/assessment/questionnaires/{questionnaireId}/answers", null, body);

    [Fact]
    public async Task Three_participants_answer_once_by_code_and_staff_enter_a_paper_answer_the_results_and_the_xlsx_match_a_hand_count()
    {
        var eventId = await OpenEvents.CreateAsync(_gaoqiao, title: "医保政策开放日");
        var codes = new List<string>();
        for (var i = 0; i < 3; i++) codes.Add(await Questionnaires.ConfirmedCodeAsync(_gaoqiao, eventId));
        var otherEvent = await OpenEvents.CreateAsync(_gaoqiao, title: "另一场开放日");
        var otherEventsCode = await Questionnaires.ConfirmedCodeAsync(_gaoqiao, otherEvent);
        var pending = await _gaoqiao.SignedUpApplicationAsync(eventId); // signed up, not approved: not a participant yet

        var draft = await _gaoqiao.Assessment.CreateQuestionnaireAsync(Questionnaires.FourKinds(eventId), await _gaoqiao.Call());
        Assert.Equal(QuestionnaireStatus.Draft, draft.Status);
        // A draft is not public.
        var (draftStatus, _, _) = await Ledger.RestAsync(stack, HttpMethod.Get, $"/api/v1/public/assessment/questionnaires/{draft.Id}", null);
        Assert.Equal(HttpStatusCode.NotFound, draftStatus);
        await _gaoqiao.Assessment.ChangeQuestionnaireStatusAsync(new ChangeQuestionnaireStatusRequest { Id = draft.Id, Status = QuestionnaireStatus.Open }, await _gaoqiao.Call());
        var (publicStatus, publicBody, _) = await Ledger.RestAsync(stack, HttpMethod.Get, $"/api/v1/public/assessment/questionnaires/{draft.Id}", null);
        Assert.Equal(HttpStatusCode.OK, publicStatus);
        Assert.Equal(4, publicBody.GetProperty("questions").GetArrayLength());

        // Participant 1: 了解, 政府网站+社区宣传, 5, text; 2: 了解, 社区宣传, 4; 3: 部分了解, (none), 4, text.
        var answers = new[]
        {
            Questionnaires.Answers(1, [1, 3], 5, "多宣传报销流程"),
            Questionnaires.Answers(1, [3], 4, ""),
            Questionnaires.Answers(2, [], 4, "简化异地就医备案"),
        };
        for (var i = 0; i < 3; i++)
        {
            var (status, body, _) = await AnswerAsync(draft.Id, Questionnaires.Body(codes[i], answers[i]));
            Assert.True(status == HttpStatusCode.OK, $"answer {i + 1}: {(int)status} {body}");
        }
        // Once per code; a code of another event, a made-up code, one not yet confirmed: refused.
        var (again, againBody, _) = await AnswerAsync(draft.Id, Questionnaires.Body(codes[0], answers[1]));
        Assert.Equal((HttpStatusCode.Conflict, "code"), (again, People.ViolatedField(againBody)));
        foreach (var code in new[] { otherEventsCode, Guid.NewGuid().ToString("N"), pending.Code })
        {
            var (refused, refusedBody, _) = await AnswerAsync(draft.Id, Questionnaires.Body(code, answers[1]));
            Assert.True(refused == HttpStatusCode.BadRequest, $"{(int)refused} {refusedBody}");
            Assert.Equal("code", People.ViolatedField(refusedBody));
        }
        // A paper questionnaire: 不了解, 电视广播+社区宣传, 2, text.
        var paper = await _gaoqiao.Assessment.EnterPaperAnswerAsync(new QuestionnaireAnswerRequest
        {
            QuestionnaireId = draft.Id, Answers = { Questionnaires.Answers(3, [2, 3], 2, "希望上门讲解") },
        }, await _gaoqiao.Call());
        Assert.True(paper.EnteredByStaff);

        var results = await _gaoqiao.Assessment.GetQuestionnaireResultsAsync(new GetQuestionnaireRequest { Id = draft.Id }, await _gaoqiao.Call());
        // By hand: 4 answers (3 by code, 1 by staff) of 3 confirmed participants.
        Assert.Equal((4, 3, 1, 3), (results.Answers, results.AnswersByCode, results.AnswersByStaff, results.ConfirmedParticipants));
        // Q1 of 4: 了解 2 (50 %), 部分了解 1 (25 %), 不了解 1 (25 %).
        Assert.Equal([("了解", 2, 50.0), ("部分了解", 1, 25.0), ("不了解", 1, 25.0)], results.Questions[0].Options.Select(o => (o.Option, o.Count, o.Percent)));
        // Q2 answered by 3: 政府网站 1 (33.3 %), 电视广播 1 (33.3 %), 社区宣传 3 (100 %), 其他 0.
        Assert.Equal(3, results.Questions[1].Answered);
        Assert.Equal([(1, 33.3), (1, 33.3), (3, 100.0), (0, 0.0)], results.Questions[1].Options.Select(o => (o.Count, o.Percent)));
        // Q3: (5 + 4 + 4 + 2) / 4 = 3.75; one 2, two 4s, one 5.
        Assert.Equal(3.75, results.Questions[2].RatingMean);
        Assert.Equal([0, 1, 0, 2, 1], results.Questions[2].Ratings.Select(r => r.Count));
        Assert.Equal(["多宣传报销流程", "简化异地就医备案", "希望上门讲解"], results.Questions[3].Texts);

        // The XLSX opens with the Open XML SDK and has the same numbers; so has the CSV.
        var (xlsxStatus, _, xlsxResponse) = await Ledger.RestAsync(stack, HttpMethod.Get,
            $"/api/v1/assessment/questionnaires/{draft.Id}/export?format=EXPORT_FORMAT_XLSX", "gaoqiao.admin");
        Assert.Equal(HttpStatusCode.OK, xlsxStatus);
        var sheets = Questionnaires.Sheets(await xlsxResponse.Content.ReadAsByteArrayAsync());
        Assert.Equal(["第1题", "第2题", "第3题", "第4题", "原始答卷"], sheets.Keys);
        Assert.Contains(["了解", "2", "50"], sheets["第1题"]);
        Assert.Contains(["部分了解", "1", "25"], sheets["第1题"]);
        Assert.Contains(["社区宣传", "3", "100"], sheets["第2题"]);
        Assert.Contains(["政府网站", "1", "33.3"], sheets["第2题"]);
        Assert.Contains(["平均分", "3.75"], sheets["第3题"]);
        Assert.Contains(["4", "2", "50"], sheets["第3题"]);
        Assert.Contains(["3", "希望上门讲解"], sheets["第4题"]);
        Assert.Equal(5, sheets["原始答卷"].Count); // heading + 4 answers
        Assert.Equal(3, sheets["原始答卷"].Count(r => r[1] == "参与人员填写"));
        Assert.Contains(sheets["原始答卷"], r => r[1] == "纸质问卷录入" && r[3] == "不了解" && r[4] == "电视广播；社区宣传" && r[5] == "2");
        var (csvStatus, _, csvResponse) = await Ledger.RestAsync(stack, HttpMethod.Get,
            $"/api/v1/assessment/questionnaires/{draft.Id}/export?format=EXPORT_FORMAT_CSV", "gaoqiao.admin");
        Assert.Equal(HttpStatusCode.OK, csvStatus);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync());
        Assert.Contains("1,您是否了解该政策？,单选题,了解,2,50", csv);
        Assert.Contains("3,您对该政策的总体满意度,评分题（1–5分）,平均分,3.75,", csv);

        // Nobody else's: another unit gets NotFound for the questionnaire, its results and its export.
        foreach (var call in new Func<CallOptions, Task>[]
                 {
                     async o => await _yicheng.Assessment.GetQuestionnaireAsync(new GetQuestionnaireRequest { Id = draft.Id }, o),
                     async o => await _yicheng.Assessment.GetQuestionnaireResultsAsync(new GetQuestionnaireRequest { Id = draft.Id }, o),
                     async o => await _yicheng.Assessment.ExportQuestionnaireResultsAsync(new ExportQuestionnaireResultsRequest { Id = draft.Id }, o),
                 })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(async () => await call(await _yicheng.Call()));
            Assert.Equal(StatusCode.NotFound, denied.StatusCode);
        }

        // Closed: no more answers by code.
        await _gaoqiao.Assessment.ChangeQuestionnaireStatusAsync(new ChangeQuestionnaireStatusRequest { Id = draft.Id, Status = QuestionnaireStatus.Closed }, await _gaoqiao.Call());
        var late = await Questionnaires.ConfirmedCodeAsync(_gaoqiao, eventId);
        var (closedStatus, _, _) = await AnswerAsync(draft.Id, Questionnaires.Body(late, answers[1]));
        Assert.Equal(HttpStatusCode.NotFound, closedStatus);
    }

    [Fact]
    public async Task Changing_a_question_after_the_first_answer_is_refused_with_the_reason()
    {
        var eventId = await OpenEvents.CreateAsync(_gaoqiao, title: "政策评价冻结测试");
        var code = await Questionnaires.ConfirmedCodeAsync(_gaoqiao, eventId);
        var questionnaire = await Questionnaires.OpenAsync(_gaoqiao, eventId);
        var change = Questionnaires.FourKinds(eventId);
        var update = new UpdateQuestionnaireRequest { Id = questionnaire.Id, Title = change.Title, Policy = change.Policy, Questions = { change.Questions } };
        update.Questions[0].Options.Add("没听说过");
        // Before any answer the questions may still change.
        var updated = await _gaoqiao.Assessment.UpdateQuestionnaireAsync(update, await _gaoqiao.Call());
        Assert.Equal(4, updated.Questions[0].Options.Count);

        var (status, body, _) = await AnswerAsync(questionnaire.Id, Questionnaires.Body(code, Questionnaires.Answers(4, [1], 3, "")));
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        update.Questions[2].Text = "您对政策执行的满意度";
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await _gaoqiao.Assessment.UpdateQuestionnaireAsync(update, await _gaoqiao.Call()));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("first answer", refused.Status.Detail);
        var stored = await _gaoqiao.Assessment.GetQuestionnaireAsync(new GetQuestionnaireRequest { Id = questionnaire.Id }, await _gaoqiao.Call());
        Assert.Equal("您对该政策的总体满意度", stored.Questions[2].Text);
        Assert.Equal(1, stored.AnswerCount);
    }

    [Fact]
    public async Task Bad_questionnaires_and_bad_answers_are_400s_naming_the_field_and_nothing_is_written()
    {
        var eventId = await OpenEvents.CreateAsync(_gaoqiao, title: "政策评价输入测试");
        var code = await Questionnaires.ConfirmedCodeAsync(_gaoqiao, eventId);
        var before = (await _gaoqiao.Assessment.ListQuestionnairesAsync(new ListQuestionnairesRequest { EventId = eventId }, await _gaoqiao.Call())).TotalSize;
        var noOptions = new
        {
            eventId, title = "评价", policy = new { name = "某政策", issuedBy = "县政府办" },
            questions = new object[] { new { text = "是否了解？", kind = "QUESTION_KIND_SINGLE_CHOICE", required = true } },
        };
        var (status, body, _) = await Ledger.RestAsync(stack, HttpMethod.Post, "/api/v1/assessment/questionnaires", "gaoqiao.admin", noOptions);
        Assert.Equal((HttpStatusCode.BadRequest, "questions[0].options"), (status, People.ViolatedField(body)));
        Assert.Equal(before, (await _gaoqiao.Assessment.ListQuestionnairesAsync(new ListQuestionnairesRequest { EventId = eventId }, await _gaoqiao.Call())).TotalSize);

        var questionnaire = await Questionnaires.OpenAsync(_gaoqiao, eventId);
        var bad = new (List<QuestionAnswer> Answers, string Field)[]
        {
            (Questionnaires.Answers(1, [], 6, ""), "answers[1].rating"),            // a rating outside 1–5
            (Questionnaires.Answers(1, [1, 2, 3], 4, ""), "answers[1].choices"),    // three choices where two at most
            ([new QuestionAnswer { Question = 1 }, new QuestionAnswer { Question = 3, Rating = 3 }], "answers[0]"), // required, left empty
            ([new QuestionAnswer { Question = 1, Choices = { 1 } }], "answers"),   // the required rating missing
        };
        foreach (var (answers, field) in bad)
        {
            var (answerStatus, answerBody, _) = await AnswerAsync(questionnaire.Id, Questionnaires.Body(code, answers));
            Assert.Equal((HttpStatusCode.BadRequest, field), (answerStatus, People.ViolatedField(answerBody)));
        }
        var stored = await _gaoqiao.Assessment.GetQuestionnaireAsync(new GetQuestionnaireRequest { Id = questionnaire.Id }, await _gaoqiao.Call());
        Assert.Equal(0, stored.AnswerCount);
        // The code is still unused: a good answer with it is taken.
        var (good, goodBody, _) = await AnswerAsync(questionnaire.Id, Questionnaires.Body(code, Questionnaires.Answers(1, [1, 2], 4, "")));
        Assert.True(good == HttpStatusCode.OK, $"{(int)good} {goodBody}");
        Assert.Equal(1.ToString(CultureInfo.InvariantCulture), (await _gaoqiao.Assessment.GetQuestionnaireAsync(
            new GetQuestionnaireRequest { Id = questionnaire.Id }, await _gaoqiao.Call())).AnswerCount.ToString(CultureInfo.InvariantCulture));
    }
}
