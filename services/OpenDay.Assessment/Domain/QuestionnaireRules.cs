using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// What a questionnaire and an answer must be (§六(二)): four question kinds, required or optional, in order; draft →
/// open → closed; questions frozen once answered. Each rule names the field it refuses, so a handler and a fast test
/// read the same words.
/// </summary>
public static class QuestionnaireRules
{
    public const int MaxTitle = 200;
    public const int MaxPolicyName = 200;
    public const int MaxPolicyDescription = 2000;
    public const int MaxQuestions = 50;
    public const int MaxQuestionText = 500;
    public const int MaxOptions = 20;
    public const int MaxOptionText = 200;
    public const int MaxFreeText = 2000;
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public static bool IsChoice(QuestionKind kind) => kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice;

    /// <summary>The questionnaire's own fields: title, policy, and every question.</summary>
    public static FieldViolations CheckDefinition(FieldViolations violations, string title, EvaluatedPolicy? policy, IReadOnlyList<Question> questions)
    {
        violations
            .Required(title, "title", MaxTitle)
            .Required(policy?.Name, "policy.name", MaxPolicyName)
            .Required(policy?.IssuedBy, "policy.issued_by", MaxPolicyName)
            .Check((policy?.Description.Length ?? 0) <= MaxPolicyDescription, "policy.description",
                $"policy.description must be at most {MaxPolicyDescription} characters.")
            .Check(questions.Count >= 1, "questions", "questions must have at least one question.")
            .Check(questions.Count <= MaxQuestions, "questions", $"questions must have at most {MaxQuestions} questions.");
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var field = $"questions[{i}]";
            violations
                .Required(q.Text, $"{field}.text", MaxQuestionText)
                .Check(q.Kind != QuestionKind.Unspecified && Enum.IsDefined(q.Kind), $"{field}.kind",
                    $"{field}.kind must be single choice, multiple choice, rating or free text.");
            if (IsChoice(q.Kind))
            {
                violations
                    .Check(q.Options.Count >= 2, $"{field}.options", $"{field}.options: a choice question needs at least two options.")
                    .Check(q.Options.Count <= MaxOptions, $"{field}.options", $"{field}.options must have at most {MaxOptions} options.")
                    .Check(q.Options.All(o => !string.IsNullOrWhiteSpace(o) && o.Length <= MaxOptionText), $"{field}.options",
                        $"{field}.options: every option needs a text of at most {MaxOptionText} characters.")
                    .Check(q.Options.Select(o => o.Trim()).Distinct().Count() == q.Options.Count, $"{field}.options",
                        $"{field}.options: the options must differ.");
            }
            else
            {
                violations.Check(q.Options.Count == 0, $"{field}.options", $"{field}.options: only a choice question has options.");
            }
            violations.Check(q.MaxChoices == 0 || (q.Kind == QuestionKind.MultipleChoice && q.MaxChoices >= 1 && q.MaxChoices <= q.Options.Count),
                $"{field}.max_choices", $"{field}.max_choices is for a multiple-choice question: 0 (no maximum) or 1 up to its number of options.");
        }
        return violations;
    }

    public static List<QuestionDefinition> ToDefinitions(IEnumerable<Question> questions) => questions.Select(q => new QuestionDefinition
    {
        Text = q.Text.Trim(), Kind = q.Kind, Required = q.Required, Options = q.Options.Select(o => o.Trim()).ToList(), MaxChoices = q.MaxChoices,
    }).ToList();

    /// <summary>Why the questions cannot change now, or null.</summary>
    public static string? EditRefusal(QuestionnaireStatus status, int answers) => (status, answers) switch
    {
        (QuestionnaireStatus.Closed, _) => "The questionnaire is closed; it cannot change. 问卷已结束，不能再修改。",
        (_, > 0) => $"The questionnaire has {answers} answer(s); its questions cannot change once the first answer exists. 问卷已有答卷，问题不能再修改。",
        _ => null,
    };

    /// <summary>Draft → open → closed; nothing else.</summary>
    public static string? MoveRefusal(QuestionnaireStatus current, QuestionnaireStatus to) => (current, to) switch
    {
        (QuestionnaireStatus.Draft, QuestionnaireStatus.Open) => null,
        (QuestionnaireStatus.Open, QuestionnaireStatus.Closed) => null,
        _ => $"The questionnaire is {Words.Of(current)}; it cannot become {Words.Of(to)} (draft → open → closed). 问卷状态不能这样变更。",
    };

    /// <summary>Who may answer now: participants only while open; staff enter paper answers while open or after closing.</summary>
    public static string? AnswerRefusal(QuestionnaireStatus status, bool byStaff) => status switch
    {
        QuestionnaireStatus.Open => null,
        QuestionnaireStatus.Closed when byStaff => null,
        QuestionnaireStatus.Closed => "The questionnaire is closed. 问卷已结束。",
        _ => "The questionnaire is not open yet. 问卷尚未开放。",
    };

    /// <summary>
    /// An answer against the questions: each answer names an existing question once, fits its kind (a choice among its
    /// options, within its maximum; a rating of 1–5; a text), and every required question is answered. Answers with
    /// nothing in them count as not answered.
    /// </summary>
    public static FieldViolations CheckAnswer(FieldViolations violations, IReadOnlyList<QuestionDefinition> questions, IReadOnlyList<QuestionAnswer> answers)
    {
        var seen = new HashSet<int>();
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            var field = $"answers[{i}]";
            if (a.Question < 1 || a.Question > questions.Count)
            {
                violations.Check(false, $"{field}.question", $"{field}.question must be a question number from 1 to {questions.Count}.");
                continue;
            }
            violations.Check(seen.Add(a.Question), $"{field}.question", $"{field}.question: question {a.Question} is answered twice.");
            var q = questions[a.Question - 1];
            violations
                .Check(IsChoice(q.Kind) || a.Choices.Count == 0, $"{field}.choices", $"{field}.choices: question {a.Question} is not a choice question.")
                .Check(q.Kind == QuestionKind.Rating || a.Rating == 0, $"{field}.rating", $"{field}.rating: question {a.Question} is not a rating question.")
                .Check(q.Kind == QuestionKind.FreeText || a.Text.Length == 0, $"{field}.text", $"{field}.text: question {a.Question} is not a free-text question.");
            switch (q.Kind)
            {
                case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                    violations
                        .Check(a.Choices.All(c => c >= 1 && c <= q.Options.Count), $"{field}.choices",
                            $"{field}.choices must be option numbers from 1 to {q.Options.Count}.")
                        .Check(a.Choices.Distinct().Count() == a.Choices.Count, $"{field}.choices", $"{field}.choices names an option twice.")
                        .Check(q.Kind != QuestionKind.SingleChoice || a.Choices.Count <= 1, $"{field}.choices",
                            $"{field}.choices: question {a.Question} takes one choice only.")
                        .Check(q.Kind != QuestionKind.MultipleChoice || q.MaxChoices == 0 || a.Choices.Count <= q.MaxChoices, $"{field}.choices",
                            $"{field}.choices: too many choices; question {a.Question} takes at most {q.MaxChoices}.");
                    break;
                case QuestionKind.Rating:
                    violations.Check(a.Rating == 0 || a.Rating is >= MinRating and <= MaxRating, $"{field}.rating",
                        $"{field}.rating must be from {MinRating} to {MaxRating}.");
                    break;
                case QuestionKind.FreeText:
                    violations.Check(a.Text.Length <= MaxFreeText, $"{field}.text", $"{field}.text must be at most {MaxFreeText} characters.");
                    break;
            }
        }
        for (var n = 1; n <= questions.Count; n++)
        {
            if (!questions[n - 1].Required) continue;
            var index = answers.ToList().FindIndex(a => a.Question == n);
            var answered = index >= 0 && !IsEmpty(answers[index]);
            violations.Check(answered, index >= 0 ? $"answers[{index}]" : "answers",
                $"question {n} (\"{questions[n - 1].Text}\") is required. 第{n}题为必答题。");
        }
        return violations;
    }

    public static bool IsEmpty(QuestionAnswer a) => a.Choices.Count == 0 && a.Rating == 0 && string.IsNullOrWhiteSpace(a.Text);

    /// <summary>The answers as stored: the empty ones left out, question order.</summary>
    public static List<AnswerItem> ToItems(IEnumerable<QuestionAnswer> answers) => answers
        .Where(a => !IsEmpty(a))
        .OrderBy(a => a.Question)
        .Select(a => new AnswerItem
        {
            Question = a.Question, Choices = a.Choices.Order().ToList(), Rating = a.Rating == 0 ? null : a.Rating, Text = a.Text.Trim(),
        })
        .ToList();
}
