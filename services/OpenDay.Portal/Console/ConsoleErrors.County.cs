using System.Text.RegularExpressions;
using Google.Rpc;
using Grpc.Core;

namespace OpenDay.Portal.Console;

/// <summary>
/// The county pages' refusals: the same shape as the unit pages' (each field violation beside its field, a state as one
/// sentence), in the county office's words — its fields (单位代码, 活动开始日期, 整改期限 …) are not the unit forms'
/// (where <c>code</c> is a check-in code). Where the service already wrote a Chinese sentence first, that sentence is shown.
/// </summary>
public sealed partial class ConsoleErrors
{
    public static ConsoleErrors FromCounty(RpcException error)
    {
        var status = error.GetRpcStatus();
        var violations = status?.GetDetail<BadRequest>()?.FieldViolations;
        var preconditions = status?.GetDetail<PreconditionFailure>()?.Violations;
        if (violations is not { Count: > 0 } && preconditions is not { Count: > 0 } && error.StatusCode != StatusCode.NotFound)
        {
            return From(error); // a role, a timeout, the service away: the console's general sentences
        }
        var errors = new ConsoleErrors();
        foreach (var violation in violations ?? [])
        {
            errors._byField.TryAdd(violation.Field, CountyField(violation.Field, violation.Description));
        }
        foreach (var violation in preconditions ?? [])
        {
            errors.General ??= LeadingChinese(violation.Description) ?? CountyPrecondition(violation.Type, violation.Description);
        }
        if (error.StatusCode == StatusCode.AlreadyExists) errors.General ??= "该记录已存在。";
        if (error.StatusCode == StatusCode.NotFound)
        {
            var resource = status?.GetDetail<ResourceInfo>();
            errors.General = resource?.ResourceType switch
            {
                "user" => $"没有名为 {resource.ResourceName} 的账号，请核对用户名。",
                "unit" => $"没有找到单位 {resource.ResourceName}。",
                "campaign" => "该年度的政府开放日活动尚未创建。",
                "calendar year" => "该年度的工作日日历尚未录入。",
                _ => "没有找到该记录。",
            };
        }
        if (errors._byField.Count > 0) errors.General ??= "提交未成功，请按各项下方的提示修改。";
        errors.General ??= "操作未成功，请稍后重试。";
        return errors;
    }

    /// <summary>A page's own word on one field (the form cannot send what it has).</summary>
    public static ConsoleErrors ForField(string field, string message)
    {
        var errors = new ConsoleErrors { General = "提交未成功，请按各项下方的提示修改。" };
        errors._byField[field] = message;
        return errors;
    }

    /// <summary>The county forms' words for the contracts' fields.</summary>
    public static string CountyLabel(string field) => field switch
    {
        "year" => "年度",
        "activity_starts_on" => "活动开始日期",
        "activity_ends_on" => "活动结束日期",
        "plan_filing_deadline" => "计划报送截止日期",
        "report_deadline_working_days" => "报告报送期限（工作日）",
        "max_participants_per_event" => "每个开放点人数上限",
        "min_public_share_numerator" => "群众代表比例（分子）",
        "min_public_share_denominator" => "群众代表比例（分母）",
        "min_events_per_unit" => "每个单位每年最少活动次数",
        "opinion_due_working_days" => "意见答复期限（工作日）",
        "days" => "节假日安排",
        "code" => "单位代码",
        "name" => "单位名称",
        "kind" => "类型",
        "supervising_unit_code" => "主管部门",
        "contact_name" => "联系人",
        "contact_phone" => "联系电话",
        "username" => "用户名",
        "role" => "角色",
        "unit_code" => "单位",
        "event_id" => "活动编号",
        "inspected_on" => "检查日期",
        "findings" => "检查情况",
        "rating" => "检查结论",
        "rectification_required" => "整改要求",
        "rectification_working_days" => "整改期限（工作日）",
        "from" => "开始时间",
        "to" => "结束时间",
        "page_size" => "每页条数",
        "page_token" => "页码",
        _ when DayField().Match(field) is { Success: true } day => $"第 {int.Parse(day.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + 1} 行",
        _ => field,
    };

    internal static string CountyField(string field, string description)
    {
        if (LeadingChinese(description) is { } chinese) return chinese;
        var label = CountyLabel(field);
        if (DayField().Match(field) is { Success: true } day)
        {
            return day.Groups[2].Value switch
            {
                "date" when description.Contains("twice", StringComparison.Ordinal) => $"{label}：该日期重复出现。",
                "date" when description.Contains("Saturday", StringComparison.Ordinal) => $"{label}：调休上班日只能是星期六或星期日。",
                "date" => $"{label}：日期须为本年度的日期，格式为 yyyy-MM-dd。",
                "kind" => $"{label}：类型须为“休”（法定节假日）或“班”（调休上班）。",
                "name" when MaxCharacters().Match(description) is { Success: true } max => $"{label}：名称不能超过 {max.Groups[1].Value} 个字。",
                _ => $"{label}：请填写名称，例如“国庆节”。",
            };
        }
        if (description.Contains("is required", StringComparison.Ordinal) && !description.Contains("when problems", StringComparison.Ordinal))
        {
            return field is "kind" or "rating" or "role" ? $"请选择{label}。" : $"请填写{label}。";
        }
        if (MaxCharacters().Match(description) is { Success: true } maxLength) return $"{label}不能超过 {maxLength.Groups[1].Value} 个字。";
        return field switch
        {
            "activity_starts_on" or "activity_ends_on" or "plan_filing_deadline" when description.Contains("yyyy-MM-dd", StringComparison.Ordinal) =>
                $"{label}须为日期（yyyy-MM-dd）。",
            "activity_starts_on" => $"{label}须在该年度内。",
            "activity_ends_on" => $"{label}须晚于活动开始日期，且在该年度内。",
            "plan_filing_deadline" => $"{label}须在该年度内，且不晚于活动结束日期。",
            "min_public_share_numerator" => "群众代表比例的分子须在 0 与分母之间（比例不超过 1）。",
            "code" => "单位代码须为 2–63 位小写字母、数字或连字符，以字母或数字开头（例如 gaoqiao-town）；代码一经使用不能再用。",
            "kind" when description.Contains("county office", StringComparison.Ordinal) => "县政务公开办公室只有一个，不能再创建。",
            "kind" => "请选择单位类型。",
            "supervising_unit_code" => SupervisionMessage(description),
            "contact_phone" => "联系电话须为 11 位手机号码或座机号码（如 0539-2251234）。",
            "role" => "请选择角色：单位管理员或单位工作人员。",
            "unit_code" => "被检查单位须为在册且未撤销的单位。",
            "event_id" => "活动须为被检查单位的活动（填写活动编号，或留空）。",
            "inspected_on" when description.Contains("future", StringComparison.Ordinal) => "检查日期不能晚于今天。",
            "inspected_on" => "检查日期须为日期（yyyy-MM-dd）。",
            "rating" => "请选择检查结论。",
            "rectification_required" when description.Contains("only for", StringComparison.Ordinal) => "未发现问题时无需填写整改要求。",
            "rectification_required" => "发现问题时须填写整改要求。",
            "rectification_working_days" when description.Contains("only for", StringComparison.Ordinal) => "未发现问题时无需整改期限。",
            "to" => "结束时间须晚于开始时间。",
            _ when Between().Match(description) is { Success: true } range => $"{label}须在 {range.Groups[1].Value} 至 {range.Groups[2].Value} 之间。",
            _ when description.Contains("yyyy-MM-dd", StringComparison.Ordinal) => $"{label}须为日期（yyyy-MM-dd）。",
            _ => $"{label}填写有误。",
        };
    }

    private static string SupervisionMessage(string description) => description switch
    {
        _ when description.Contains("must name", StringComparison.Ordinal) => "企业和服务窗口须有主管的县直部门。",
        _ when description.Contains("Only enterprises", StringComparison.Ordinal) => "只有企业、服务窗口和事业单位才有主管部门。",
        _ when description.Contains("itself", StringComparison.Ordinal) && description.Contains("circle", StringComparison.Ordinal) => "主管关系不能形成循环。",
        _ when description.Contains("supervise itself", StringComparison.Ordinal) => "单位不能主管自己。",
        _ when description.Contains("does not exist", StringComparison.Ordinal) => "主管部门不存在，请核对单位代码。",
        _ when description.Contains("not a county department", StringComparison.Ordinal) => "主管部门须为县直部门。",
        _ when description.Contains("retired", StringComparison.Ordinal) => "主管部门已撤销。",
        _ => "主管部门填写有误。",
    };

    private static string CountyPrecondition(string type, string description) => type switch
    {
        "WINDOW_OPEN" => "活动已经开始，本年度设置不可再改。",
        "RETIRED" => "该单位已撤销。",
        "COUNTY_OFFICE" => "县政务公开办公室不能撤销。",
        "SUPERVISES_ACTIVE_UNITS" when Supervises().Match(description) is { Success: true } m =>
            $"该单位仍主管 {m.Groups[1].Value} 个在册单位，请先为它们更换主管部门。",
        _ => "当前状态下不能办理此操作。",
    };

    /// <summary>The services write some sentences for people first, in Chinese, then for developers: the Chinese one.</summary>
    private static string? LeadingChinese(string text)
    {
        if (text.Length == 0 || !ChineseStart().IsMatch(text)) return null;
        var end = text.IndexOf('。', StringComparison.Ordinal);
        var english = AsciiSentence().Match(text);
        if (english.Success && (end < 0 || english.Index < end)) return text[..english.Index].Trim();
        return end < 0 ? text.Trim() : text[..(end + 1)];
    }

    [GeneratedRegex(@"^days\[(\d+)\]\.?(\w*)$")]
    private static partial Regex DayField();

    [GeneratedRegex(@"between (\d+) and (\d+)|from (\d+) to (\d+)")]
    private static partial Regex Between();

    [GeneratedRegex(@"supervises (\d+) active")]
    private static partial Regex Supervises();

    [GeneratedRegex(@"^[\d\s]*[\p{IsCJKUnifiedIdeographs}]")]
    private static partial Regex ChineseStart();

    [GeneratedRegex(@"(?<=[。：])\s*[A-Z][a-z]")]
    private static partial Regex AsciiSentence();
}

/// <summary>The county pages' calls: <see cref="ConsoleApi.RunAsync{T}"/>, with the county's words for a refusal.</summary>
public static class CountyCalls
{
    public static async Task<ConsoleResult<T>> RunCountyAsync<T>(this ConsoleApi api, Func<CallOptions, Task<T>> call) where T : class
    {
        try
        {
            return new ConsoleResult<T>(await call(await api.CallAsync()), null);
        }
        catch (ConsoleSessionExpiredException)
        {
            api.SignInAgain();
            return new ConsoleResult<T>(null, ConsoleErrors.Expired);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
        {
            api.SignInAgain();
            return new ConsoleResult<T>(null, ConsoleErrors.Expired);
        }
        catch (RpcException e)
        {
            return new ConsoleResult<T>(null, ConsoleErrors.FromCounty(e));
        }
    }
}
