using OpenDay.Events.V1;
using OpenDay.Registrations.V1;
using OpenDay.Units.V1;

namespace OpenDay.Portal.Api;

/// <summary>The Chinese words a resident reads for the contracts' enums (the notice's own terms where it has them).</summary>
public static class Labels
{
    public static readonly IReadOnlyList<EventForm> Forms =
        [EventForm.VisitOffices, EventForm.VisitSites, EventForm.AttendMeeting, EventForm.Forum];

    public static string Of(EventForm form) => form switch
    {
        EventForm.VisitOffices => "进机关",
        EventForm.VisitSites => "进现场",
        EventForm.AttendMeeting => "进会议",
        EventForm.Forum => "座谈交流",
        _ => "其他",
    };

    public static readonly IReadOnlyList<UnitKind> UnitKinds =
    [
        UnitKind.CountyOffice, UnitKind.Township, UnitKind.StreetOffice, UnitKind.CountyDepartment,
        UnitKind.PublicInstitution, UnitKind.Enterprise, UnitKind.ServiceWindow,
    ];

    public static string Of(UnitKind kind) => kind switch
    {
        UnitKind.CountyOffice => "县政务公开办公室",
        UnitKind.Township => "乡镇",
        UnitKind.StreetOffice => "街道",
        UnitKind.CountyDepartment => "县政府部门",
        UnitKind.PublicInstitution => "事业单位",
        UnitKind.Enterprise => "企业",
        UnitKind.ServiceWindow => "服务窗口",
        _ => "其他",
    };

    public static string Of(EventStatus status) => status switch
    {
        EventStatus.Published => "已发布",
        EventStatus.RegistrationOpen => "报名中",
        EventStatus.RegistrationClosed => "报名已截止",
        EventStatus.Held => "已举办",
        EventStatus.Reported => "已发布活动情况",
        EventStatus.Cancelled => "已取消",
        _ => "未发布",
    };

    /// <summary>The categories a resident may sign up as (§四); deputies and members come by invitation, but may apply too.</summary>
    public static readonly IReadOnlyList<ParticipantCategory> Categories =
    [
        ParticipantCategory.PublicRepresentative, ParticipantCategory.MediaReporter, ParticipantCategory.NpcDeputy,
        ParticipantCategory.CppccMember, ParticipantCategory.OtherInvitee,
    ];

    public static string Of(ParticipantCategory category) => category switch
    {
        ParticipantCategory.NpcDeputy => "人大代表",
        ParticipantCategory.CppccMember => "政协委员",
        ParticipantCategory.PublicRepresentative => "群众代表",
        ParticipantCategory.MediaReporter => "媒体记者",
        ParticipantCategory.OtherInvitee => "其他（专家学者、服务对象、网民、社区居民等）",
        _ => "群众代表",
    };

    public static string Of(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Invited => "待答复",
        ParticipantStatus.Accepted => "已接受邀请",
        ParticipantStatus.Declined => "已谢绝邀请",
        ParticipantStatus.Expired => "已过答复期限",
        ParticipantStatus.Submitted => "已提交，等待审核",
        ParticipantStatus.Approved => "审核通过",
        ParticipantStatus.Rejected => "未通过审核",
        ParticipantStatus.Waitlisted => "候补中",
        ParticipantStatus.Withdrawn => "已撤回",
        ParticipantStatus.Cancelled => "已取消",
        _ => "未知",
    };

    /// <summary>Bootstrap's colour for a status badge.</summary>
    public static string Tone(ParticipantStatus status) => status switch
    {
        ParticipantStatus.Accepted or ParticipantStatus.Approved => "success",
        ParticipantStatus.Submitted or ParticipantStatus.Invited or ParticipantStatus.Waitlisted => "primary",
        ParticipantStatus.Rejected or ParticipantStatus.Cancelled => "danger",
        _ => "secondary",
    };
}
