using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenDay.Assessment.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>What the questionnaire tests share: a questionnaire of the four kinds, confirmed participants, answers.</summary>
public static class Questionnaires
{
    /// <summary>Single choice (required), multiple choice of at most two (optional), rating (required), free text (optional).</summary>
    public static CreateQuestionnaireRequest FourKinds(string eventId, string title = "城乡居民医保政策评价") => new()
    {
        EventId = eventId,
        Title = title,
        Policy = new EvaluatedPolicy { Name = "沂水县城乡居民基本医疗保险实施办法", IssuedBy = "县医疗保障局", Description = "参保、缴费与报销" },
        Questions =
        {
            new Question { Text = "您是否了解该政策？", Kind = QuestionKind.SingleChoice, Required = true, Options = { "了解", "部分了解", "不了解" } },
            new Question
            {
                Text = "您通过哪些渠道了解？（最多选两项）", Kind = QuestionKind.MultipleChoice, Options = { "政府网站", "电视广播", "社区宣传", "其他" }, MaxChoices = 2,
            },
            new Question { Text = "您对该政策的总体满意度", Kind = QuestionKind.Rating, Required = true },
            new Question { Text = "您的意见和建议", Kind = QuestionKind.FreeText },
        },
    };

    /// <summary>The four answers in order (empty ones are left out): a choice of Q1, the choices of Q2, a rating, a text.</summary>
    public static List<QuestionAnswer> Answers(int single, int[] multiple, int rating, string text)
    {
        var answers = new List<QuestionAnswer> { new() { Question = 1, Choices = { single } } };
        if (multiple.Length > 0) answers.Add(new QuestionAnswer { Question = 2, Choices = { multiple } });
        answers.Add(new QuestionAnswer { Question = 3, Rating = rating });
        if (text.Length > 0) answers.Add(new QuestionAnswer { Question = 4, Text = text });
        return answers;
    }

    /// <summary>The answer as the public REST route takes it (JSON names of the proto fields).</summary>
    public static object Body(string code, IEnumerable<QuestionAnswer> answers) => new
    {
        code,
        answers = answers.Select(a => new { question = a.Question, choices = a.Choices.ToArray(), rating = a.Rating, text = a.Text }).ToArray(),
    };

    /// <summary>A member of the public signs up for the unit's open event and is approved: a confirmed participant's code.</summary>
    public static async Task<string> ConfirmedCodeAsync(Clients unit, string eventId)
    {
        var application = await unit.SignedUpApplicationAsync(eventId);
        await unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = application.Id, Decision = ReviewDecision.Approve }, await unit.Call());
        return application.Code;
    }

    /// <summary>An open questionnaire of the four kinds on the unit's event.</summary>
    public static async Task<Questionnaire> OpenAsync(Clients unit, string eventId, string title = "城乡居民医保政策评价")
    {
        var created = await unit.Assessment.CreateQuestionnaireAsync(FourKinds(eventId, title), await unit.Call());
        return await unit.Assessment.ChangeQuestionnaireStatusAsync(new ChangeQuestionnaireStatusRequest { Id = created.Id, Status = QuestionnaireStatus.Open },
            await unit.Call());
    }

    /// <summary>Every row of a sheet as text (numbers in their invariant form), by sheet name.</summary>
    public static Dictionary<string, List<List<string>>> Sheets(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        return workbook.Workbook.Descendants<Sheet>().ToDictionary(s => s.Name!.Value!, s =>
            ((WorksheetPart)workbook.GetPartById(s.Id!.Value!)).Worksheet.Descendants<Row>()
            .Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToList())
            .ToList());
    }
}
