using Unit = OpenDay.Units.Domain.Unit;
using OpenDay.Units.V1;

namespace OpenDay.Units.Infrastructure;

/// <summary>
/// Units of Yishui county (沂水县) for development, matching the tenants of the dev users in
/// <c>OpenDay.AppHost/keycloak/openday-realm.json</c>.
/// </summary>
internal static class UnitSeed
{
    public static readonly Unit[] Units =
    [
        new() { Code = "county-office", Name = "沂水县政务公开办公室", Kind = UnitKind.CountyOffice },
        new() { Code = "yicheng-street", Name = "沂城街道办事处", Kind = UnitKind.StreetOffice },
        new() { Code = "longjiaquan-street", Name = "龙家圈街道办事处", Kind = UnitKind.StreetOffice },
        new() { Code = "gaoqiao-town", Name = "高桥镇人民政府", Kind = UnitKind.Township },
        new() { Code = "xujiahu-town", Name = "许家湖镇人民政府", Kind = UnitKind.Township },
        new() { Code = "zhuge-town", Name = "诸葛镇人民政府", Kind = UnitKind.Township },
        new() { Code = "housing-bureau", Name = "沂水县住房和城乡建设局", Kind = UnitKind.CountyDepartment },
        new() { Code = "approval-bureau", Name = "沂水县行政审批服务局", Kind = UnitKind.CountyDepartment },
        new() { Code = "transport-bureau", Name = "沂水县交通运输局", Kind = UnitKind.CountyDepartment },
        new() { Code = "health-commission", Name = "沂水县卫生健康局", Kind = UnitKind.CountyDepartment },
        new() { Code = "water-supply-co", Name = "沂水县自来水公司", Kind = UnitKind.Enterprise, SupervisingUnitCode = "housing-bureau" },
        new() { Code = "bus-co", Name = "沂水县公共汽车公司", Kind = UnitKind.Enterprise, SupervisingUnitCode = "transport-bureau" },
        new() { Code = "service-hall", Name = "沂水县为民服务中心政务服务大厅", Kind = UnitKind.ServiceWindow, SupervisingUnitCode = "approval-bureau" },
    ];
}
