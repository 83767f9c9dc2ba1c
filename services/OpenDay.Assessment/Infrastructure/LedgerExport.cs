using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using OpenDay.Assessment.Domain;
using OpenDay.Assessment.V1;
using OpenDay.Platform.Grpc;
using Opinion = OpenDay.Assessment.Domain.Opinion;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>The opinion ledger (工作台账) as a file for the office: Chinese headings, the raised-by name and category only.</summary>
public static class LedgerExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = Spreadsheets.ContentType;

    public sealed record Row(
        [property: Name("序号")] int Number,
        [property: Name("编号")] string Id,
        [property: Name("记录单位")] string RecordingUnit,
        [property: Name("责任单位")] string ResponsibleUnit,
        [property: Name("提出人")] string RaisedBy,
        [property: Name("主题")] string Topic,
        [property: Name("意见建议")] string Text,
        [property: Name("提出日期")] string RaisedOn,
        [property: Name("办结期限")] string DueDate,
        [property: Name("状态")] string Status,
        [property: Name("采纳情况")] string Outcome,
        [property: Name("说明")] string Explanation,
        [property: Name("答复")] string Answer,
        [property: Name("答复日期")] string AnsweredOn,
        [property: Name("是否逾期")] string Overdue);

    private static readonly string[] Headings =
        ["序号", "编号", "记录单位", "责任单位", "提出人", "主题", "意见建议", "提出日期", "办结期限", "状态", "采纳情况", "说明", "答复", "答复日期", "是否逾期"];

    public static IReadOnlyList<Row> Rows(IEnumerable<Opinion> opinions, DateOnly today) => opinions.Select((o, i) => new Row(
        i + 1, o.Id.ToString(), o.TenantId, o.AssignedTenantId, o.RaisedByDisplay, o.Topic, o.Text, o.RaisedOn.ToWire(), o.DueDate.ToWire(),
        StatusName(o.Status), o.Outcome == OpinionStatus.Unspecified ? "" : StatusName(o.Outcome), o.Explanation, o.Answer,
        o.AnsweredOn?.ToWire() ?? "",
        OpinionDeadline.IsOverdue(o.DueDate, o.Status == OpinionStatus.Answered, today) ? "逾期"
        : o.Status == OpinionStatus.Answered && !OpinionDeadline.AnsweredOnTime(o.DueDate, o.AnsweredOn) ? "逾期答复" : "")).ToList();

    /// <summary>UTF-8 with a byte-order mark, so that Excel opens the Chinese text correctly.</summary>
    public static byte[] ToCsv(IReadOnlyList<Row> rows)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            csv.WriteRecords(rows);
        }
        return stream.ToArray();
    }

    public static byte[] ToXlsx(IReadOnlyList<Row> rows) => Spreadsheets.Write([("工作台账",
    [
        Spreadsheets.TextRow(Headings),
        .. rows.Select(r => Spreadsheets.TextRow([r.Number.ToString(CultureInfo.InvariantCulture), r.Id, r.RecordingUnit, r.ResponsibleUnit, r.RaisedBy,
            r.Topic, r.Text, r.RaisedOn, r.DueDate, r.Status, r.Outcome, r.Explanation, r.Answer, r.AnsweredOn, r.Overdue])),
    ])]);

    public static string StatusName(OpinionStatus status) => status switch
    {
        OpinionStatus.Received => "已接收",
        OpinionStatus.InProgress => "办理中",
        OpinionStatus.Adopted => "采纳",
        OpinionStatus.PartlyAdopted => "部分采纳",
        OpinionStatus.NotAdopted => "未采纳",
        OpinionStatus.Answered => "已答复",
        OpinionStatus.HandedBack => "已退回",
        _ => "",
    };
}
