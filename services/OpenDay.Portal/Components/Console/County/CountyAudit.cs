namespace OpenDay.Portal.Components.Console.County;

/// <summary>The audit trail's words for people: the RPC that changed something, the kind of record, the kind of change.</summary>
public static class CountyAudit
{
    private static readonly Dictionary<string, string> Operations = new(StringComparer.Ordinal)
    {
        ["CreateUnit"] = "新增单位", ["UpdateUnit"] = "修改单位", ["RetireUnit"] = "撤销单位", ["AssignStaff"] = "分配工作人员",
        ["RemoveStaff"] = "移除工作人员", ["UpdateMyUnitContact"] = "修改本单位联系人",
        ["CreateCampaign"] = "创建年度活动", ["UpdateCampaign"] = "修改年度活动设置", ["SetCalendarYear"] = "录入工作日日历",
        ["FilePlan"] = "报送计划", ["RecordPlan"] = "计划备案", ["ReturnPlan"] = "退回计划",
        ["CreateEvent"] = "新建开放活动", ["UpdateEvent"] = "修改开放活动", ["ChangeEventStatus"] = "变更活动状态",
        ["MarkEventReported"] = "活动情况已发布", ["ApplyEventChange"] = "同步活动信息",
        ["SignUp"] = "报名", ["WithdrawApplication"] = "撤回报名", ["ReviewApplication"] = "审核报名", ["CancelParticipant"] = "取消参加",
        ["FinaliseRoster"] = "确认名单", ["CheckIn"] = "签到", ["CreateInvitation"] = "发出邀请", ["RespondToInvitation"] = "答复邀请",
        ["RecordOpinion"] = "登记意见", ["ChangeOpinionStatus"] = "办理意见", ["HandBackOpinion"] = "退回意见", ["ReassignOpinion"] = "重新交办意见",
        ["DraftReport"] = "起草活动情况", ["UpdateReport"] = "修改活动情况", ["PublishReport"] = "发布活动情况", ["AddReportPhoto"] = "添加照片",
        ["CreateQuestionnaire"] = "新建问卷", ["UpdateQuestionnaire"] = "修改问卷", ["ChangeQuestionnaireStatus"] = "变更问卷状态",
        ["EnterPaperAnswer"] = "录入纸质问卷", ["SubmitQuestionnaireAnswer"] = "提交问卷",
        ["RecordInspection"] = "记录督促检查", ["RecordRectification"] = "记录整改",
    };

    private static readonly Dictionary<string, string> RecordTypes = new(StringComparer.Ordinal)
    {
        ["Unit"] = "单位", ["StaffAssignment"] = "人员分配", ["Campaign"] = "年度活动", ["CampaignChangeRecord"] = "设置修改记录",
        ["CalendarYearRecord"] = "日历年度", ["CalendarDayRecord"] = "节假日", ["Plan"] = "计划", ["Event"] = "开放活动",
        ["EventChangeRecord"] = "活动变更", ["EventRoster"] = "名单", ["Participant"] = "参加人员", ["Notification"] = "通知",
        ["Opinion"] = "意见", ["Report"] = "活动情况", ["ReportPhoto"] = "照片", ["Questionnaire"] = "问卷",
        ["QuestionnaireAnswer"] = "问卷答卷", ["Inspection"] = "督促检查",
    };

    /// <summary>"/openday.units.v1.UnitsService/CreateUnit" → 新增单位 (CreateUnit); an RPC not named here keeps its name.</summary>
    public static string Operation(string operation)
    {
        var method = operation[(operation.LastIndexOf('/') + 1)..];
        return Operations.TryGetValue(method, out var name) ? $"{name}（{method}）" : method;
    }

    public static string RecordType(string type) => RecordTypes.GetValueOrDefault(type, type);

    public static string Change(string change) => change switch
    {
        "Added" => "新增",
        "Modified" => "修改",
        "Deleted" => "删除",
        _ => change,
    };
}
