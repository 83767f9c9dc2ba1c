using OpenDay.Assessment.V1;

namespace OpenDay.Portal.Components.Console.Unit;

/// <summary>How a report stands against its deadline (§六(三)), in the words staff read.</summary>
public static class ReportTimeliness
{
    public static string Of(Report report) => report switch
    {
        { Status: ReportStatus.Published, Late: true, HasWorkingDaysLate: true } r => $"逾期 {r.WorkingDaysLate} 个工作日",
        { Status: ReportStatus.Published, Late: true } => "逾期（工作日数计算中）",
        { Status: ReportStatus.Published } => "按时",
        _ => "未发布",
    };
}
