using OpenDay.Assessment.V1;
using OpenDay.Registrations.V1;

namespace OpenDay.Portal.Console;

/// <summary>The Chinese words staff read for the assessment and registrations enums, on the unit and the county pages.</summary>
public static class UnitLabels
{
    /// <summary>Who a unit invites (§四): deputies and members always, then reporters, public representatives, others.</summary>
    public static readonly IReadOnlyList<ParticipantCategory> InvitationCategories =
    [
        ParticipantCategory.NpcDeputy, ParticipantCategory.CppccMember, ParticipantCategory.MediaReporter,
        ParticipantCategory.PublicRepresentative, ParticipantCategory.OtherInvitee,
    ];

    public static string Of(OpinionStatus status) => status switch
    {
        OpinionStatus.Received => "已登记",
        OpinionStatus.InProgress => "办理中",
        OpinionStatus.Adopted => "已采纳",
        OpinionStatus.PartlyAdopted => "部分采纳",
        OpinionStatus.NotAdopted => "未采纳",
        OpinionStatus.Answered => "已答复",
        OpinionStatus.HandedBack => "已退回",
        _ => "—",
    };

    /// <summary>The moves the responsible unit makes from a status (hand-back has its own form).</summary>
    public static IReadOnlyList<OpinionStatus> NextMoves(OpinionStatus status) => status switch
    {
        OpinionStatus.Received => [OpinionStatus.InProgress],
        OpinionStatus.InProgress => [OpinionStatus.Adopted, OpinionStatus.PartlyAdopted, OpinionStatus.NotAdopted],
        OpinionStatus.Adopted or OpinionStatus.PartlyAdopted or OpinionStatus.NotAdopted => [OpinionStatus.Answered],
        _ => [],
    };

    public static string MoveText(OpinionStatus to) => to switch
    {
        OpinionStatus.InProgress => "开始办理",
        OpinionStatus.Adopted => "采纳",
        OpinionStatus.PartlyAdopted => "部分采纳",
        OpinionStatus.NotAdopted => "不予采纳",
        OpinionStatus.Answered => "答复并公开",
        _ => Of(to),
    };

    public static string Of(ReportStatus status) => status == ReportStatus.Published ? "已发布" : "草稿";

    public static string Of(QuestionnaireStatus status) => status switch
    {
        QuestionnaireStatus.Draft => "草稿",
        QuestionnaireStatus.Open => "开放答卷",
        QuestionnaireStatus.Closed => "已结束",
        _ => "—",
    };

    public static readonly IReadOnlyList<QuestionKind> QuestionKinds =
        [QuestionKind.SingleChoice, QuestionKind.MultipleChoice, QuestionKind.Rating, QuestionKind.FreeText];

    public static string Of(QuestionKind kind) => kind switch
    {
        QuestionKind.SingleChoice => "单选题",
        QuestionKind.MultipleChoice => "多选题",
        QuestionKind.Rating => "评分题（1–5 分）",
        QuestionKind.FreeText => "填空题",
        _ => "—",
    };

    public static string Of(InspectionKind kind) => kind switch
    {
        InspectionKind.Supervision => "督促检查",
        InspectionKind.SiteVisit => "现场走访",
        _ => "—",
    };

    public static string Of(InspectionRating rating) => rating switch
    {
        InspectionRating.Good => "好",
        InspectionRating.Acceptable => "较好",
        InspectionRating.ProblemsFound => "发现问题",
        _ => "—",
    };

    public static string Rectification(Inspection inspection) => inspection switch
    {
        { Rating: not InspectionRating.ProblemsFound } => "无需整改",
        { Open: true } => "待整改",
        { RectifiedOnTime: true } => $"已按时整改（{inspection.RectifiedOn}）",
        _ => $"已整改，逾期（{inspection.RectifiedOn}）",
    };

    public static string Of(NotificationKind kind) => kind switch
    {
        NotificationKind.Promoted => "候补递补",
        NotificationKind.EventCancelled => "活动取消",
        NotificationKind.ParticipationCancelled => "取消参加",
        _ => "其他",
    };

    public static string Of(AttendanceMark mark) => mark switch
    {
        AttendanceMark.Attended => "已签到",
        AttendanceMark.NoShow => "未到",
        _ => "—",
    };

    public static string Of(Channel channel) => channel switch
    {
        Channel.Invitation => "定向邀请",
        Channel.PublicSignup => "社会报名",
        _ => "—",
    };

    /// <summary>Only the start of a code stays on screen: the whole code answers the invitation or checks its holder in.</summary>
    public static string Shortened(string code) => code.Length > 6 ? code[..6] + "……" : code;
}
