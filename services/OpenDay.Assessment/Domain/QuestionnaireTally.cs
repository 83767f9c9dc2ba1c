using System.Globalization;
using OpenDay.Assessment.V1;

namespace OpenDay.Assessment.Domain;

/// <summary>
/// The results of a questionnaire per question: counts and percentages per option (of those who answered the
/// question; a multiple-choice question's percentages may add up to more than 100), the rating mean (two decimals)
/// and distribution, the free-text answers oldest first.
/// </summary>
public static class QuestionnaireTally
{
    public static List<QuestionResult> Tally(IReadOnlyList<QuestionDefinition> questions, IReadOnlyList<QuestionnaireAnswer> answers)
    {
        var results = new List<QuestionResult>();
        for (var n = 1; n <= questions.Count; n++)
        {
            var q = questions[n - 1];
            var items = answers.OrderBy(a => a.SubmittedAt).ThenBy(a => a.Id)
                .Select(a => a.Items.FirstOrDefault(i => i.Question == n)).OfType<AnswerItem>().ToList();
            var result = new QuestionResult { Number = n, Text = q.Text, Kind = q.Kind, Answered = items.Count };
            switch (q.Kind)
            {
                case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                    result.Options.AddRange(q.Options.Select((option, i) => Option(option, items.Count(a => a.Choices.Contains(i + 1)), items.Count)));
                    break;
                case QuestionKind.Rating:
                    var ratings = items.Select(i => i.Rating ?? 0).Where(r => r > 0).ToList();
                    result.RatingMean = ratings.Count == 0 ? 0 : Math.Round(ratings.Average(), 2, MidpointRounding.AwayFromZero);
                    result.Ratings.AddRange(Enumerable.Range(QuestionnaireRules.MinRating, QuestionnaireRules.MaxRating)
                        .Select(r => Option(r.ToString(CultureInfo.InvariantCulture), ratings.Count(x => x == r), ratings.Count)));
                    break;
                case QuestionKind.FreeText:
                    result.Texts.AddRange(items.Select(i => i.Text));
                    break;
            }
            results.Add(result);
        }
        return results;
    }

    public static double Percent(int count, int of) => of == 0 ? 0 : Math.Round(count * 100.0 / of, 1, MidpointRounding.AwayFromZero);

    private static OptionResult Option(string option, int count, int of) => new() { Option = option, Count = count, Percent = Percent(count, of) };

    /// <summary>How an answer to one question reads in the raw-answers sheet.</summary>
    public static string Display(QuestionDefinition q, AnswerItem? item) => item is null ? "" : q.Kind switch
    {
        QuestionKind.SingleChoice or QuestionKind.MultipleChoice => string.Join("；", item.Choices.Select(c => q.Options[c - 1])),
        QuestionKind.Rating => item.Rating?.ToString(CultureInfo.InvariantCulture) ?? "",
        _ => item.Text,
    };

    public static string KindName(QuestionKind kind) => kind switch
    {
        QuestionKind.SingleChoice => "单选题",
        QuestionKind.MultipleChoice => "多选题",
        QuestionKind.Rating => "评分题（1–5分）",
        QuestionKind.FreeText => "问答题",
        _ => "",
    };
}
