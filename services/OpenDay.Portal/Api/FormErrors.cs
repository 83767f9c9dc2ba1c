using Google.Rpc;
using Grpc.Core;

namespace OpenDay.Portal.Api;

/// <summary>
/// What the server refused, per form field, in Chinese. The services speak English to developers (field names from the
/// contracts, English descriptions); a resident reads one Chinese sentence beside the field the server named.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.Ordinal);

    /// <summary>A refusal that names no field of the form (sign-up closed, too many requests…).</summary>
    public string? General { get; private set; }

    public bool Any => _byField.Count > 0 || General is not null;

    public string? For(string field) => _byField.GetValueOrDefault(field);

    public IEnumerable<string> Fields => _byField.Keys;

    public static FormErrors From(RpcException error)
    {
        var errors = new FormErrors();
        var status = error.GetRpcStatus();
        foreach (var violation in status?.GetDetail<BadRequest>()?.FieldViolations ?? [])
        {
            errors._byField.TryAdd(violation.Field, Chinese(violation.Field, violation.Description));
        }
        foreach (var violation in status?.GetDetail<PreconditionFailure>()?.Violations ?? [])
        {
            var message = Precondition(violation.Type, error.Status.Detail);
            if (violation.Subject is "id_number") errors._byField.TryAdd("id_number", message);
            else errors.General ??= message;
        }
        if (!errors.Any)
        {
            errors.General = error.StatusCode switch
            {
                StatusCode.NotFound => "没有找到这场活动，或它已不再接受报名。",
                StatusCode.ResourceExhausted => "提交过于频繁，请稍后再试。",
                StatusCode.DeadlineExceeded or StatusCode.Unavailable => "系统繁忙，请稍后再试。您填写的内容未提交成功。",
                _ => "提交未成功，请核对后重试。",
            };
        }
        return errors;
    }

    /// <summary>One Chinese sentence per field the public forms have; the server's description decides between its cases.</summary>
    internal static string Chinese(string field, string description) => field switch
    {
        "name" when description.Contains("required", StringComparison.Ordinal) => "请填写姓名。",
        "name" => "姓名不能超过 50 个字。",
        "mobile" => "手机号应为 11 位数字，以 13 至 19 开头。",
        "id_number" when description.Contains("birth date", StringComparison.Ordinal) => "身份证号中的出生日期（第 7 至 14 位）不是有效日期，请核对。",
        "id_number" when description.Contains("check character", StringComparison.Ordinal) => "身份证号最后一位校验码不正确，请核对后重新填写。",
        "id_number" => "身份证号应为 18 位：前 17 位为数字，最后一位为数字或 X。",
        "work_unit" when description.Contains("required", StringComparison.Ordinal) => "请填写工作单位或职业。",
        "work_unit" => "工作单位不能超过 100 个字。",
        "category" => "请选择报名类别。",
        "reference_code" or "code" => "编码应为 32 位字母和数字，请核对。",
        _ => "此项填写有误，请核对。",
    };

    private static string Precondition(string type, string detail) => type switch
    {
        "ALREADY_REGISTERED" => "该身份证号已报名或受邀参加本场活动，每人每场只能参加一次。",
        "SIGN_UP_CLOSED" when detail.Contains("invitation only", StringComparison.Ordinal) => "本场活动仅接受定向邀请，不开放社会报名。",
        "SIGN_UP_CLOSED" when detail.Contains("opens at", StringComparison.Ordinal) => "本场活动的报名尚未开始。",
        "SIGN_UP_CLOSED" => "本场活动的报名已截止。",
        "APPLICATION_STATUS" => "该申请当前状态不能撤回。",
        "INVITATION_CLOSED" => "邀请的答复期限已过，或活动已结束、已取消。",
        "INVITATION_STATUS" => "该邀请当前状态不能再作此答复。",
        "EVENT_STATUS" => "活动已结束或已取消，当前不能更改。",
        _ => "当前状态下不能办理，请刷新页面后查看。",
    };
}
