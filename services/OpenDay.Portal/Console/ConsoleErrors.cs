using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;

namespace OpenDay.Portal.Console;

/// <summary>
/// A service's refusal for staff, in Chinese: each field violation beside the form field it names, a state that
/// forbids the step as one sentence. The services word their rules in English for developers; the numbers they name
/// (the window, the cap, the confirmed count, the share) are carried over into the Chinese sentence.
/// </summary>
public sealed partial class ConsoleErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);

    public string? General { get; private set; }

    public bool Any => _byField.Count > 0 || General is not null;

    /// <summary>The service found no such record (or none the caller may see): for pages where "none yet" is no error.</summary>
    public bool NotFound { get; private set; }

    public string? For(string field) => _byField.GetValueOrDefault(field);

    public IReadOnlyDictionary<string, string> Fields => _byField;

    public static ConsoleErrors Expired => new() { General = "登录已过期，正在转到登录页面……" };

    public static ConsoleErrors From(RpcException error)
    {
        var errors = new ConsoleErrors { NotFound = error.StatusCode == StatusCode.NotFound };
        var status = error.GetRpcStatus();
        foreach (var violation in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
        {
            errors._byField.TryAdd(violation.Field, Chinese(violation.Field, violation.Description));
        }
        foreach (var violation in status?.GetDetail<PreconditionFailure>()?.Violations ?? [])
        {
            errors.General ??= UnitConsoleErrors.Precondition(violation.Type, error.Status.Detail) ?? Precondition(violation.Type, error.Status.Detail);
        }
        if (errors._byField.Count > 0 && errors.General is null) errors.General = "提交未成功，请按各项下方的提示修改。";
        errors.General ??= error.StatusCode switch
        {
            StatusCode.PermissionDenied => "您的角色无权执行此操作。",
            StatusCode.NotFound => "没有找到该记录，或它不属于您的单位。",
            StatusCode.AlreadyExists => "该记录已存在。",
            // A deadline passed: the service may still have done it, so the page says so rather than "not done".
            StatusCode.DeadlineExceeded => "服务响应超时，操作结果未知：请刷新页面查看后再决定是否重试。",
            StatusCode.Unavailable => "服务暂时无法响应，本次操作未生效，请稍后再试。",
            _ => "操作未成功，请稍后重试。",
        };
        return errors;
    }

    /// <summary>The form's words for the contracts' fields.</summary>
    public static string Label(string field) => field switch
    {
        "title" => "活动名称",
        "theme" => "活动主题",
        "venue" => "活动地点",
        "forms" => "开放形式",
        "capacity" => "参加人数上限",
        "starts_at" => "开始时间",
        "ends_at" => "结束时间",
        "registration_opens_at" => "报名开始时间",
        "registration_closes_at" => "报名截止时间",
        "agenda" => "活动议程",
        "backfill" => "补录",
        "reason" => "理由",
        "open_dates" => "开放时间",
        "themes" => "活动主题",
        "implementation_plan" => "实施方案",
        "code" => "签到码",
        _ when field.StartsWith("open_dates[", StringComparison.Ordinal) => "开放时间",
        _ when field.StartsWith("criteria", StringComparison.Ordinal) => "评分细则",
        _ => field,
    };

    internal static string Chinese(string field, string description)
    {
        if (UnitConsoleErrors.Field(field, description) is { } unitPages) return unitPages;
        var label = Label(field);
        if (WindowPattern().Match(description) is { Success: true } window)
        {
            return $"{label}须在本年度活动期间 {window.Groups[1].Value} 至 {window.Groups[2].Value} 之内（北京时间）。";
        }
        if (field == "capacity" && AtLeastConfirmed().Match(description) is { Success: true } confirmed)
        {
            return $"已有 {confirmed.Groups[1].Value} 人确认参加，参加人数上限不能少于 {confirmed.Groups[1].Value}。";
        }
        if (field == "capacity" && AtMost().Match(description) is { Success: true } cap)
        {
            return $"参加人数上限不能超过本年度每个开放点的上限 {cap.Groups[1].Value} 人（通知第四条）。";
        }
        if (description.Contains("is required", StringComparison.Ordinal)) return $"请填写{label}。";
        if (MaxCharacters().Match(description) is { Success: true } max) return $"{label}不能超过 {max.Groups[1].Value} 个字。";
        if (description.Contains("must be after starts_at", StringComparison.Ordinal)) return "结束时间须晚于开始时间。";
        if (description.Contains("must be before starts_at", StringComparison.Ordinal)) return "报名截止时间须早于活动开始时间。";
        if (description.Contains("before registration_closes_at", StringComparison.Ordinal)) return "报名开始时间须早于报名截止时间。";
        if (description.Contains("in the past", StringComparison.Ordinal)) return "开始时间已过；如需补录已举办的活动，请勾选“补录”。";
        if (field.EndsWith(".weight", StringComparison.Ordinal)) return "分值须在 0 到 100 之间。";
        if (field.EndsWith(".threshold", StringComparison.Ordinal)) return "参数须在 0 到 1000 之间；政策评价至少要求 1 份问卷。";
        if (field == "criteria") return "每个考核项目只能出现一次，且至少保留一项。";
        if (field == "forms") return "请至少选择一种开放形式（进机关、进现场、进会议、座谈交流）。";
        if (field == "capacity") return "参加人数上限至少为 1。";
        if (description.Contains("reason", StringComparison.OrdinalIgnoreCase)) return "请填写理由，参加人员会收到通知。";
        return $"{label}填写有误：{description}";
    }

    private static string Precondition(string type, string detail) => type switch
    {
        "REGISTRATION_CLOSED" => "报名已截止，活动信息不能再修改。",
        "PUBLIC_SHARE" when ShareNumbers().Match(detail) is { Success: true } m =>
            $"不能确认名单：群众代表 {m.Groups[1].Value} 人，已确认 {m.Groups[2].Value} 人，按不低于三分之一的要求至少需要 {m.Groups[3].Value} 名群众代表。",
        "PUBLIC_SHARE" => "不能确认名单：" + detail,
        "NO_CAMPAIGN" => "该年度的政府开放日活动尚未开启，请联系县政务公开办公室。",
        "NOT_STARTED" => "活动尚未开始，不能标记为已举办。",
        "RECORDED" => "本年度计划已备案，不能再修改。",
        "FINALISED" => "本年度考核结果已确定，评分细则和考核结果不能再修改。",
        "RUBRIC_CHANGED" => "评分细则在最近一次计算后已修改，请重新计算后再确定结果。",
        "NOT_COMPUTED" => "本年度考核尚未计算，请先计算再确定结果。",
        _ when type.StartsWith("STATUS_", StringComparison.Ordinal) => "活动当前状态不允许此操作，请刷新页面后查看。",
        _ => "当前状态下不能办理此操作：" + detail,
    };

    [GeneratedRegex(@"(\d{4}-\d{2}-\d{2}) … (\d{4}-\d{2}-\d{2})")]
    private static partial Regex WindowPattern();

    [GeneratedRegex(@"at least (\d+), the participants already confirmed")]
    private static partial Regex AtLeastConfirmed();

    [GeneratedRegex(@"at most (\d+)")]
    private static partial Regex AtMost();

    [GeneratedRegex(@"at most (\d+) characters")]
    private static partial Regex MaxCharacters();

    [GeneratedRegex(@"Public representatives are (\d+) of (\d+) confirmed; at least (\d+)")]
    private static partial Regex ShareNumbers();
}
