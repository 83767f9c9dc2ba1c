using System.Text.RegularExpressions;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.PersonalData;
using OpenDay.Units.V1;

namespace OpenDay.Units.Domain;

/// <summary>The registry's rules (SPEC.md §1–2, notice §二), as plain code a fast test can call.</summary>
public static partial class UnitRules
{
    public const int NameMaxLength = 100;
    public const int ContactNameMaxLength = 50;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex CodeRegex();

    public static bool IsValidCode(string? code) => code is not null && CodeRegex().IsMatch(code);

    /// <summary>Kinds that a county department supervises (§二: 分管领域公共企事业单位、服务窗口).</summary>
    public static bool IsSupervised(UnitKind kind) =>
        kind is UnitKind.Enterprise or UnitKind.ServiceWindow or UnitKind.PublicInstitution;

    /// <summary>Enterprises and service windows must name their supervising department; institutions may.</summary>
    public static bool NeedsSupervisor(UnitKind kind) => kind is UnitKind.Enterprise or UnitKind.ServiceWindow;

    public static FieldViolations CheckDetails(FieldViolations violations, string? name, string? contactName, string? contactPhone) =>
        violations
            .Required(name, "name", NameMaxLength)
            .Check((contactName ?? "").Length <= ContactNameMaxLength, "contact_name",
                $"contact_name must be at most {ContactNameMaxLength} characters.")
            .Check(string.IsNullOrEmpty(contactPhone) || PhoneNumbers.IsMobileOrLandline(contactPhone), "contact_phone",
                "contact_phone must be an 11-digit mobile number (1[3-9]…) or a landline such as 0539-2251234.");

    /// <summary>
    /// Who may supervise whom: only an active county department supervises, and only enterprises, service windows and
    /// public institutions are supervised. So a township never supervises a department, and no chain can loop;
    /// the walk up the chain guards against a loop all the same.
    /// </summary>
    public static FieldViolations CheckSupervision(FieldViolations violations, string code, UnitKind kind,
        string? supervisorCode, Func<string, Unit?> find)
    {
        const string field = "supervising_unit_code";
        if (string.IsNullOrEmpty(supervisorCode))
        {
            return violations.Check(!NeedsSupervisor(kind), field,
                "Enterprises and service windows must name their supervising county department (supervising_unit_code).");
        }
        if (!IsSupervised(kind))
        {
            return violations.Check(false, field,
                "Only enterprises, service windows and public institutions have a supervising unit.");
        }
        if (supervisorCode == code)
        {
            return violations.Check(false, field, "A unit cannot supervise itself.");
        }
        var supervisor = find(supervisorCode);
        if (supervisor is null)
        {
            return violations.Check(false, field, $"Unit '{supervisorCode}' does not exist.");
        }
        violations.Check(supervisor.Kind == UnitKind.CountyDepartment, field,
            $"Unit '{supervisorCode}' is not a county department; only county departments supervise units.");
        violations.Check(supervisor.Active, field, $"Unit '{supervisorCode}' is retired.");
        return violations.Check(!ChainReaches(supervisor, code, find), field,
            $"Unit '{supervisorCode}' is itself supervised by '{code}': supervision cannot go round in a circle.");
    }

    private static bool ChainReaches(Unit start, string code, Func<string, Unit?> find)
    {
        var seen = new HashSet<string>();
        for (var unit = start; unit is not null && seen.Add(unit.Code); unit = unit.SupervisingUnitCode is { } next ? find(next) : null)
        {
            if (unit.Code == code || unit.SupervisingUnitCode == code) return true;
        }
        return false;
    }
}
