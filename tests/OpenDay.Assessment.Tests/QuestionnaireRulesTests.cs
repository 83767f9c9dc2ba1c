using Google.Rpc;
using Grpc.Core;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Tests;

/// <summary>Questionnaires (§六(二)): the four kinds, required questions, the freeze after the first answer, the tally.</summary>
public class QuestionnaireRulesTests
{
    private static readonly EvaluatedPolicy Policy = new() { Name = "沂水县城乡居民医疗保险实施办法", IssuedBy = "县医疗保障局" };

    private static Question Single(bool required = true) => new()
    {
        Text = "您是否了解该政策？", Kind = QuestionKind.SingleChoice, Required = required, Options = { "了解", "部分了解", "不了解" },
    };

    private static Question Multiple(int max = 2) => new()
    {
        Text = "您通过哪些渠道了解？", Kind = QuestionKind.MultipleChoice, Required = false, Options = { "网站", "电视", "社区宣传", "其他" }, MaxChoices = max,
    };

    private static Question Rating() => new() { Text = "您对政策的满意度", Kind = QuestionKind.Rating, Required = true };

    private static Question FreeText() => new() { Text = "您的建议", Kind = QuestionKind.FreeText, Required = false };

    private static readonly List<QuestionDefinition> Four = QuestionnaireRules.ToDefinitions([Single(), Multiple(), Rating(), FreeText()]);

    private static List<string> Fields(FieldViolations violations)
    {
        if (violations.IsValid) return [];
        var error = Assert.Throws<RpcException>(violations.ThrowIfAny);
        return error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).ToList();
    }

    [Fact]
    public void A_questionnaire_of_the_four_kinds_is_accepted() =>
        Assert.Empty(Fields(QuestionnaireRules.CheckDefinition(new FieldViolations(), "医保政策评价", Policy, [Single(), Multiple(), Rating(), FreeText()])));

    [Fact]
    public void A_choice_question_without_options_is_refused_naming_it()
    {
        var noOptions = Single();
        noOptions.Options.Clear();
        Assert.Equal(["questions[1].options"], Fields(QuestionnaireRules.CheckDefinition(new FieldViolations(), "评价", Policy, [Rating(), noOptions])));
    }

    [Fact]
    public void Options_on_a_rating_question_a_maximum_beyond_the_options_and_a_missing_policy_are_refused()
    {
        var rating = Rating();
        rating.Options.Add("好");
        var fields = Fields(QuestionnaireRules.CheckDefinition(new FieldViolations(), "", new EvaluatedPolicy(), [rating, Multiple(max: 5)]));
        Assert.Equal(["title", "policy.name", "policy.issued_by", "questions[0].options", "questions[1].max_choices"], fields);
    }

    [Fact]
    public void A_complete_answer_is_accepted() => Assert.Empty(Fields(QuestionnaireRules.CheckAnswer(new FieldViolations(), Four,
    [
        new QuestionAnswer { Question = 1, Choices = { 2 } }, new QuestionAnswer { Question = 2, Choices = { 1, 3 } },
        new QuestionAnswer { Question = 3, Rating = 4 }, new QuestionAnswer { Question = 4, Text = "多宣传" },
    ])));

    [Fact]
    public void A_rating_outside_1_to_5_too_many_choices_and_a_required_question_left_empty_are_each_named()
    {
        var fields = Fields(QuestionnaireRules.CheckAnswer(new FieldViolations(), Four,
        [
            new QuestionAnswer { Question = 2, Choices = { 1, 2, 3 } }, // at most two
            new QuestionAnswer { Question = 3, Rating = 6 },
            new QuestionAnswer { Question = 1 },                        // required, empty
        ]));
        Assert.Equal(["answers[0].choices", "answers[1].rating", "answers[2]"], fields);
    }

    [Fact]
    public void A_required_question_not_answered_at_all_names_the_answers()
    {
        var fields = Fields(QuestionnaireRules.CheckAnswer(new FieldViolations(), Four, [new QuestionAnswer { Question = 3, Rating = 5 }]));
        Assert.Equal(["answers"], fields);
    }

    [Fact]
    public void An_answer_of_the_wrong_kind_or_to_no_question_is_refused()
    {
        var fields = Fields(QuestionnaireRules.CheckAnswer(new FieldViolations(), Four,
        [
            new QuestionAnswer { Question = 1, Choices = { 1 }, Rating = 3 },
            new QuestionAnswer { Question = 3, Rating = 2 },
            new QuestionAnswer { Question = 9, Text = "?" },
            new QuestionAnswer { Question = 1, Choices = { 4 } },
        ]));
        Assert.Equal(["answers[0].rating", "answers[2].question", "answers[3].question", "answers[3].choices"], fields);
    }

    [Theory]
    [InlineData(QuestionnaireStatus.Draft, 0, null)]
    [InlineData(QuestionnaireStatus.Open, 0, null)]
    [InlineData(QuestionnaireStatus.Open, 1, "first answer")]
    [InlineData(QuestionnaireStatus.Closed, 0, "closed")]
    public void Questions_freeze_with_the_first_answer(QuestionnaireStatus status, int answers, string? reason)
    {
        var refusal = QuestionnaireRules.EditRefusal(status, answers);
        if (reason is null) Assert.Null(refusal);
        else Assert.Contains(reason, refusal);
    }

    [Theory]
    [InlineData(QuestionnaireStatus.Draft, QuestionnaireStatus.Open, true)]
    [InlineData(QuestionnaireStatus.Open, QuestionnaireStatus.Closed, true)]
    [InlineData(QuestionnaireStatus.Draft, QuestionnaireStatus.Closed, false)]
    [InlineData(QuestionnaireStatus.Closed, QuestionnaireStatus.Open, false)]
    public void Draft_then_open_then_closed(QuestionnaireStatus from, QuestionnaireStatus to, bool allowed) =>
        Assert.Equal(allowed, QuestionnaireRules.MoveRefusal(from, to) is null);

    [Fact]
    public void The_tally_counts_percentages_mean_and_texts()
    {
        QuestionnaireAnswer Answer(int choice, int[] channels, int? rating, string text, int minute) => new()
        {
            SubmittedAt = new DateTimeOffset(2026, 10, 20, 2, minute, 0, TimeSpan.Zero),
            Items = QuestionnaireRules.ToItems(
            [
                new QuestionAnswer { Question = 1, Choices = { choice } }, new QuestionAnswer { Question = 2, Choices = { channels } },
                new QuestionAnswer { Question = 3, Rating = rating ?? 0 }, new QuestionAnswer { Question = 4, Text = text },
            ]),
        };
        var results = QuestionnaireTally.Tally(Four,
        [
            Answer(1, [1, 3], 5, "多宣传", 1), Answer(1, [3], 4, "", 2), Answer(2, [], 4, "简化报销", 3),
        ]);
        // 了解 2 of 3 = 66.7 %, 部分了解 1 = 33.3 %; channels answered by 2: 网站 1 (50 %), 社区宣传 2 (100 %).
        Assert.Equal([2, 1, 0], results[0].Options.Select(o => o.Count));
        Assert.Equal([66.7, 33.3, 0], results[0].Options.Select(o => o.Percent));
        Assert.Equal(2, results[1].Answered);
        Assert.Equal([1, 0, 2, 0], results[1].Options.Select(o => o.Count));
        Assert.Equal([50, 0, 100, 0], results[1].Options.Select(o => o.Percent));
        // (5 + 4 + 4) / 3 = 4.33
        Assert.Equal(4.33, results[2].RatingMean);
        Assert.Equal([0, 0, 0, 2, 1], results[2].Ratings.Select(r => r.Count));
        Assert.Equal(["多宣传", "简化报销"], results[3].Texts);
    }
}
