using System.Globalization;
using System.Text;
using CsvHelper;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using static OpenDay.Assessment.Infrastructure.Spreadsheets;
using Questionnaire = OpenDay.Assessment.Domain.Questionnaire;
using QuestionnaireAnswer = OpenDay.Assessment.Domain.QuestionnaireAnswer;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>
/// A questionnaire's results as files for the office: XLSX with a sheet per question ("第1题"…) and the raw answers
/// ("原始答卷"), counts and percentages as numbers; CSV with one row per option, rating or text.
/// </summary>
public static class QuestionnaireExport
{
    public const string RawSheet = "原始答卷";

    public static string SheetName(int number) => $"第{number}题";

    public static byte[] ToXlsx(Questionnaire questionnaire, IReadOnlyList<QuestionnaireAnswer> answers, QuestionnaireResults results)
    {
        var sheets = new List<(string, IEnumerable<Row>)>();
        foreach (var q in results.Questions)
        {
            var rows = new List<Row>
            {
                Cells(Text($"第{q.Number}题（{QuestionnaireTally.KindName(q.Kind)}）"), Text(q.Text)),
                Cells(Text("答题人数"), Number(q.Answered)),
            };
            switch (q.Kind)
            {
                case QuestionKind.SingleChoice or QuestionKind.MultipleChoice:
                    rows.Add(Cells(Text("选项"), Text("人数"), Text("占比（%）")));
                    rows.AddRange(q.Options.Select(o => Cells(Text(o.Option), Number(o.Count), Number(o.Percent))));
                    break;
                case QuestionKind.Rating:
                    rows.Add(Cells(Text("平均分"), Number(q.RatingMean)));
                    rows.Add(Cells(Text("分值"), Text("人数"), Text("占比（%）")));
                    rows.AddRange(q.Ratings.Select(o => Cells(Text(o.Option), Number(o.Count), Number(o.Percent))));
                    break;
                default:
                    rows.Add(Cells(Text("序号"), Text("回答")));
                    rows.AddRange(q.Texts.Select((t, i) => Cells(Number(i + 1), Text(t))));
                    break;
            }
            sheets.Add((SheetName(q.Number), rows));
        }

        var raw = new List<Row>
        {
            Cells([Text("序号"), Text("来源"), Text("提交时间"), .. questionnaire.Questions.Select((q, i) => Text($"第{i + 1}题 {q.Text}"))]),
        };
        raw.AddRange(answers.Select((a, i) => Cells([
            Number(i + 1), Text(a.EnteredByStaff ? "纸质问卷录入" : "参与人员填写"),
            Text(a.SubmittedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
            .. questionnaire.Questions.Select((q, n) => Text(QuestionnaireTally.Display(q, a.Items.FirstOrDefault(x => x.Question == n + 1)))),
        ])));
        sheets.Add((RawSheet, raw));
        return Spreadsheets.Write(sheets);
    }

    /// <summary>UTF-8 with a byte-order mark (Excel reads the Chinese correctly): 题号, 题目, 题型, 项目, 人数, 占比.</summary>
    public static byte[] ToCsv(QuestionnaireResults results)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var heading in new[] { "题号", "题目", "题型", "项目", "人数", "占比（%）" }) csv.WriteField(heading);
            csv.NextRecord();
            void Line(QuestionResult q, string item, string count, string percent)
            {
                foreach (var field in new[] { q.Number.ToString(CultureInfo.InvariantCulture), q.Text, QuestionnaireTally.KindName(q.Kind), item, count, percent })
                {
                    csv.WriteField(field);
                }
                csv.NextRecord();
            }
            foreach (var q in results.Questions)
            {
                foreach (var o in q.Options) Line(q, o.Option, Invariant(o.Count), Invariant(o.Percent));
                if (q.Kind == QuestionKind.Rating)
                {
                    foreach (var o in q.Ratings) Line(q, o.Option + "分", Invariant(o.Count), Invariant(o.Percent));
                    Line(q, "平均分", Invariant(q.RatingMean), "");
                }
                foreach (var t in q.Texts) Line(q, t, "", "");
            }
        }
        return stream.ToArray();
    }

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
