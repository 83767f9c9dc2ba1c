using DocumentFormat.OpenXml.Spreadsheet;
using OpenDay.Assessment.Domain;
using OpenDay.Platform.Time;
using OpenDay.Units.V1;
using static OpenDay.Assessment.Infrastructure.Spreadsheets;

namespace OpenDay.Assessment.Infrastructure;

/// <summary>
/// A score snapshot as a file for the county office: "考核排名" (rank, unit, kind, total, each criterion's points, as
/// numbers) and "评分依据" (each unit's criteria with their evidence in words).
/// </summary>
public static class ScoreExport
{
    public const string RankingSheet = "考核排名";
    public const string EvidenceSheet = "评分依据";

    public static byte[] ToXlsx(ScoreSnapshot snapshot, IReadOnlyList<UnitScoreRecord> rows)
    {
        var heading = $"{snapshot.Year} 年度政府开放日考核（{(snapshot.Final ? "最终结果" : "计算结果，未确定")}，{ChinaTime.Format(snapshot.ComputedAt)}）";
        var ranking = new List<Row>
        {
            Cells(Text(heading)),
            Cells([Text("排名"), Text("单位代码"), Text("单位名称"), Text("类别"), Text("总分"), .. snapshot.Rubric.Select(c => Text($"{c.Name}（{c.Weight}分）"))]),
        };
        ranking.AddRange(rows.Select(r => Cells([
            Number(r.Rank), Text(r.AssignedTenantId), Text(r.UnitName), Text(KindName(r.UnitKind)), Number((double)r.Total),
            .. snapshot.Rubric.Select(c => Number((double)(r.Criteria.FirstOrDefault(p => p.Kind == c.Kind)?.Points ?? 0))),
        ])));
        var evidence = new List<Row> { TextRow(["单位代码", "单位名称", "考核项目", "满分", "得分", "评分依据"]) };
        evidence.AddRange(rows.SelectMany(r => r.Criteria.Select(c => Cells(
            Text(r.AssignedTenantId), Text(r.UnitName), Text(c.Name), Number((double)c.Weight), Number((double)c.Points), Text(c.Evidence)))));
        return Write([(RankingSheet, ranking), (EvidenceSheet, evidence)]);
    }

    public static string KindName(UnitKind kind) => kind switch
    {
        UnitKind.Township => "乡镇",
        UnitKind.StreetOffice => "街道",
        UnitKind.CountyDepartment => "县政府部门",
        UnitKind.PublicInstitution => "事业单位",
        UnitKind.Enterprise => "企业",
        UnitKind.ServiceWindow => "服务窗口",
        _ => "",
    };
}
