using System.Text.RegularExpressions;

namespace OpenDay.Portal.Console;

/// <summary>
/// The Chinese words of the unit pages' refusals (invitations, roster, ledger, reports, questionnaires, inspections):
/// the form's label of each field the registrations and assessment services name, and the refusals of a state. Kept
/// apart from <see cref="ConsoleErrors"/>, which asks here first.
/// </summary>
public static partial class UnitConsoleErrors
{
    /// <summary>The form's words for a field, or null when it is not one of these pages'.</summary>
    public static string? Label(string field) => field switch
    {
        "name" => "姓名",
        "mobile" => "手机号",
        "category" => "类别",
        "stated_role" => "身份说明",
        "text" => "意见内容",
        "topic" => "主题",
        "raised_by" => "提出人",
        "raised_by_category" => "提出人类别",
        "raised_on" => "提出日期",
        "due_date" => "办理期限",
        "responsible_unit_code" => "责任单位",
        "explanation" => "说明",
        "answer" => "答复内容",
        "summary" => "活动开展情况",
        "correction_note" => "更正说明",
        "note" => "整改情况",
        "policy.name" => "政策名称",
        "policy.issued_by" => "发文单位",
        "policy.description" => "政策简介",
        "questions" => "问题",
        "event_id" => "开放活动",
        _ when QuestionField().Match(field) is { Success: true } q => $"第{int.Parse(q.Groups[1].Value) + 1}题{QuestionPart(q.Groups[2].Value)}",
        _ when AnswerField().IsMatch(field) => "答卷",
        _ => null,
    };

    /// <summary>One field's refusal in Chinese, or null to leave it to <see cref="ConsoleErrors"/>.</summary>
    public static string? Field(string field, string description)
    {
        if (Label(field) is not { } label) return null;
        // The services add the Chinese sentence to some of their rules ("… 第2题为必答题。"): that one is shown as it is.
        if (ChinesePart(description) is { } chinese) return chinese;
        return field switch
        {
            "mobile" => "手机号须为 11 位大陆手机号（以 13–19 开头）。",
            "category" => "请选择类别：人大代表、政协委员、群众代表、媒体记者或其他受邀人员。",
            "stated_role" => "邀请其他人员时须说明其身份（专家学者、服务对象、网民、社区居民等），不超过 50 个字。",
            "responsible_unit_code" when description.Contains("not an active unit", StringComparison.Ordinal) => "责任单位不存在或已撤销，请填写有效的单位代码。",
            "raised_on" when description.Contains("future", StringComparison.Ordinal) => "提出日期不能晚于今天。",
            "raised_on" => "提出日期不能早于活动日期。",
            "due_date" => "办理期限不能早于活动日期和提出日期。",
            "explanation" when description.Contains("required", StringComparison.Ordinal) => "部分采纳或未采纳时须填写说明。",
            "answer" when description.Contains("required", StringComparison.Ordinal) => "答复时须填写答复内容，它将向社会公开。",
            "correction_note" when description.Contains("required", StringComparison.Ordinal) => "修改已发布的报告须填写更正说明，它将与报告一并公开。",
            _ when field.EndsWith(".options", StringComparison.Ordinal) => $"{label}：选择题至少需要两个互不相同的选项，每项不超过 200 个字；其他题型没有选项。",
            _ when field.EndsWith(".max_choices", StringComparison.Ordinal) => $"{label}：最多可选项数须为 0（不限）或 1 至选项数之间。",
            "questions" => "问卷至少需要一道题，最多 50 道。",
            _ when description.Contains("is required", StringComparison.Ordinal) => $"请填写{label}。",
            _ when MaxCharacters().Match(description) is { Success: true } max => $"{label}不能超过 {max.Groups[1].Value} 个字。",
            _ => $"{label}填写有误：{description}",
        };
    }

    /// <summary>A refusal of a state on these pages, or null to leave it to <see cref="ConsoleErrors"/>.</summary>
    public static string? Precondition(string type, string detail) => type switch
    {
        "INVITATIONS_CLOSED" => "报名已截止或活动已取消，不能再发出邀请。",
        "PARTICIPANT_STATUS" => "该人员当前状态不能取消参加，请刷新页面后查看。",
        "EVENT_STATUS" => "活动当前状态不允许此操作（如签到、调整名单），请刷新页面后查看。",
        "ROSTER_RULES" => "名单规则不允许此操作：" + detail,
        "RECTIFIED" => "该督查问题已记录整改，不能重复记录。",
        "NO_PROBLEMS" => "该次督查未发现问题，无需整改。",
        "QUESTIONNAIRE_ANSWERED" => "问卷已有答卷，问题不能再修改。",
        "QUESTIONNAIRE_CLOSED" => "问卷已结束，不能再修改。",
        _ when type.StartsWith("EVENT_STATUS_", StringComparison.Ordinal) => "活动举办后方可撰写活动开展情况。",
        // The assessment service words its state refusals in English and Chinese: the Chinese half is what staff read.
        _ when type.StartsWith("STATUS_", StringComparison.Ordinal) => ChinesePart(detail),
        _ => null,
    };

    /// <summary>The Chinese sentence at the end of a bilingual description, if it has one.</summary>
    internal static string? ChinesePart(string description) =>
        TrailingChinese().Match(description) is { Success: true } m ? m.Value.Trim() : null;

    private static string QuestionPart(string part) => part switch
    {
        "text" => "的题目",
        "kind" => "的题型",
        "options" => "的选项",
        "max_choices" => "的最多可选项数",
        _ => "",
    };

    [GeneratedRegex(@"^questions\[(\d+)\](?:\.(\w+))?$")]
    private static partial Regex QuestionField();

    [GeneratedRegex(@"^answers(\[\d+\])?")]
    private static partial Regex AnswerField();

    [GeneratedRegex(@"at most (\d+) characters")]
    private static partial Regex MaxCharacters();

    // From the first CJK character to the end, when the text ends in Chinese.
    [GeneratedRegex(@"[\u4e00-\u9fff][^A-Za-z]*[。！]?$")]
    private static partial Regex TrailingChinese();
}
