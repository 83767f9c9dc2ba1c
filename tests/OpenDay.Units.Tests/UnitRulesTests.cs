using OpenDay.Platform.Grpc;
using OpenDay.Units.Domain;
using OpenDay.Units.V1;
using Grpc.Core;
using Google.Rpc;

namespace OpenDay.Units.Tests;

public class UnitRulesTests
{
    private static readonly Dictionary<string, Domain.Unit> Registry = new[]
    {
        new Domain.Unit { Code = "housing-bureau", Name = "住建局", Kind = UnitKind.CountyDepartment },
        new Domain.Unit { Code = "closed-bureau", Name = "撤并局", Kind = UnitKind.CountyDepartment, Active = false },
        new Domain.Unit { Code = "gaoqiao-town", Name = "高桥镇", Kind = UnitKind.Township },
        new Domain.Unit { Code = "water-supply-co", Name = "自来水公司", Kind = UnitKind.Enterprise, SupervisingUnitCode = "housing-bureau" },
    }.ToDictionary(u => u.Code);

    private static IReadOnlyList<string> Violations(string code, UnitKind kind, string? supervisor,
        IReadOnlyDictionary<string, Domain.Unit>? registry = null)
    {
        var units = registry ?? Registry;
        var violations = UnitRules.CheckSupervision(new FieldViolations(), code, kind, supervisor, c => units.GetValueOrDefault(c));
        if (violations.IsValid) return [];
        var error = Assert.Throws<RpcException>(violations.ThrowIfAny);
        return error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Description).ToList();
    }

    [Theory]
    [InlineData(UnitKind.Enterprise)]
    [InlineData(UnitKind.ServiceWindow)]
    public void Enterprises_and_windows_need_a_supervising_department(UnitKind kind)
    {
        Assert.NotEmpty(Violations("new-co", kind, null));
        Assert.Empty(Violations("new-co", kind, "housing-bureau"));
    }

    [Fact]
    public void Public_institutions_may_have_a_supervisor_or_not()
    {
        Assert.Empty(Violations("new-school", UnitKind.PublicInstitution, null));
        Assert.Empty(Violations("new-school", UnitKind.PublicInstitution, "housing-bureau"));
    }

    [Theory]
    [InlineData("gaoqiao-town", "not a county department")]   // a township cannot supervise
    [InlineData("water-supply-co", "not a county department")]
    [InlineData("closed-bureau", "retired")]
    [InlineData("nowhere", "does not exist")]
    [InlineData("new-co", "itself")]
    public void Only_an_active_county_department_supervises(string supervisor, string reason) =>
        Assert.Contains(Violations("new-co", UnitKind.Enterprise, supervisor), d => d.Contains(reason));

    [Theory]
    [InlineData(UnitKind.Township)]
    [InlineData(UnitKind.StreetOffice)]
    [InlineData(UnitKind.CountyDepartment)]
    public void Townships_streets_and_departments_have_no_supervising_unit(UnitKind kind) =>
        Assert.NotEmpty(Violations("new-unit", kind, "housing-bureau"));

    [Fact]
    public void A_supervision_chain_that_comes_back_is_refused()
    {
        // Inconsistent data the kind rules would never create: the department is itself under the new unit.
        var looped = new Dictionary<string, Domain.Unit>(Registry)
        {
            ["loop-bureau"] = new() { Code = "loop-bureau", Name = "环", Kind = UnitKind.CountyDepartment, SupervisingUnitCode = "new-co" },
        };
        Assert.Contains(Violations("new-co", UnitKind.Enterprise, "loop-bureau", looped), d => d.Contains("circle"));
    }

    [Theory]
    [InlineData("gaoqiao-town", true)]
    [InlineData("a1", true)]
    [InlineData("Gaoqiao", false)]
    [InlineData("-town", false)]
    [InlineData("x", false)]
    [InlineData("has space", false)]
    public void Codes_are_lower_case_stable_identifiers(string code, bool valid) => Assert.Equal(valid, UnitRules.IsValidCode(code));
}
