using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using OpenDay.Registrations.Domain;
using OpenDay.Registrations.V1;

using Participant = OpenDay.Registrations.Domain.Participant;
using Notification = OpenDay.Registrations.Domain.Notification;

namespace OpenDay.Registrations.Infrastructure;

/// <summary>The confirmed roster as a file staff can print or pass on: masked numbers only, Chinese headings.</summary>
public static class RosterExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record Row(
        [property: Name("序号")] int Number,
        [property: Name("姓名")] string Name,
        [property: Name("类别")] string Category,
        [property: Name("渠道")] string Channel,
        [property: Name("工作单位/身份")] string WorkUnit,
        [property: Name("手机号码")] string Mobile,
        [property: Name("身份证号码")] string IdNumber,
        [property: Name("签到")] string Attendance);

    private static readonly string[] Headings = ["序号", "姓名", "类别", "渠道", "工作单位/身份", "手机号码", "身份证号码", "签到"];

    public static IReadOnlyList<Row> Rows(IEnumerable<Participant> confirmed) => confirmed.Select((p, i) => new Row(
        i + 1, p.Name, CategoryName(p.Category), p.Channel == V1.Channel.Invitation ? "定向邀请" : "社会报名",
        p.StatedRole.Length > 0 ? p.StatedRole : p.WorkUnit, p.MobileMasked, p.IdNumberMasked,
        p.Attendance switch { AttendanceMark.Attended => "已签到", AttendanceMark.NoShow => "缺席", _ => "" })).ToList();

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

    public static byte[] ToXlsx(IReadOnlyList<Row> rows, string title)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var worksheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(TextRow(Headings));
            foreach (var row in rows)
            {
                data.Append(TextRow([row.Number.ToString(CultureInfo.InvariantCulture), row.Name, row.Category, row.Channel,
                    row.WorkUnit, row.Mobile, row.IdNumber, row.Attendance]));
            }
            worksheet.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet
            {
                Id = workbook.GetIdOfPart(worksheet),
                SheetId = 1,
                // Sheet names: at most 31 characters, none of []:*?/\.
                Name = new string(title.Where(c => !"[]:*?/\\".Contains(c)).Take(31).ToArray()) is { Length: > 0 } name ? name : "参加人员",
            });
        }
        return stream.ToArray();
    }

    private static DocumentFormat.OpenXml.Spreadsheet.Row TextRow(IEnumerable<string> values) =>
        new(values.Select(v => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v)) }));

    public static string CategoryName(ParticipantCategory category) => category switch
    {
        ParticipantCategory.NpcDeputy => "人大代表",
        ParticipantCategory.CppccMember => "政协委员",
        ParticipantCategory.PublicRepresentative => "群众代表",
        ParticipantCategory.MediaReporter => "媒体记者",
        _ => "其他受邀人员",
    };
}
