using OpenDay.Assessment.V1;

namespace OpenDay.Portal.Components.Console.County;

/// <summary>The county's assessment screens' words for the contracts' enums (the notice's terms where it has them).</summary>
public static class CountyLabels
{
    public static string Of(OpinionStatus status) => status switch
    {
        OpinionStatus.Received => "已登记",
        OpinionStatus.InProgress => "办理中",
        OpinionStatus.Adopted => "已采纳",
        OpinionStatus.PartlyAdopted => "部分采纳",
        OpinionStatus.NotAdopted => "未采纳",
        OpinionStatus.Answered => "已答复",
        OpinionStatus.HandedBack => "已退回，待重新交办",
        _ => "未知",
    };

    public static string Of(InspectionKind kind) => kind switch
    {
        InspectionKind.Supervision => "督促检查",
        InspectionKind.SiteVisit => "现场走访",
        _ => "未知",
    };

    public static string Of(InspectionRating rating) => rating switch
    {
        InspectionRating.Good => "好",
        InspectionRating.Acceptable => "较好",
        InspectionRating.ProblemsFound => "发现问题",
        _ => "未知",
    };

    public static string Rectification(Inspection inspection) => inspection switch
    {
        { Rating: not InspectionRating.ProblemsFound } => "无需整改",
        { Open: true } => "待整改",
        { RectifiedOnTime: true } => $"已按时整改（{inspection.RectifiedOn}）",
        _ => $"已整改，逾期（{inspection.RectifiedOn}）",
    };

    public static string Of(ReportStatus status) => status switch
    {
        ReportStatus.Draft => "草稿",
        ReportStatus.Published => "已发布",
        _ => "未知",
    };
}
