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
        new() { TenantId = "county-office", Name = "沂水县政务公开办公室", Kind = UnitKind.CountyOffice },
        new() { TenantId = "yicheng-street", Name = "沂城街道办事处", Kind = UnitKind.StreetOffice },
        new() { TenantId = "longjiaquan-street", Name = "龙家圈街道办事处", Kind = UnitKind.StreetOffice },
        new() { TenantId = "gaoqiao-town", Name = "高桥镇人民政府", Kind = UnitKind.Township },
        new() { TenantId = "xujiahu-town", Name = "许家湖镇人民政府", Kind = UnitKind.Township },
        new() { TenantId = "zhuge-town", Name = "诸葛镇人民政府", Kind = UnitKind.Township },
        new() { TenantId = "housing-bureau", Name = "沂水县住房和城乡建设局", Kind = UnitKind.CountyDepartment },
        new() { TenantId = "approval-bureau", Name = "沂水县行政审批服务局", Kind = UnitKind.CountyDepartment },
        new() { TenantId = "transport-bureau", Name = "沂水县交通运输局", Kind = UnitKind.CountyDepartment },
        new() { TenantId = "health-commission", Name = "沂水县卫生健康局", Kind = UnitKind.CountyDepartment },
        new() { TenantId = "water-supply-co", Name = "沂水县自来水公司", Kind = UnitKind.Enterprise, SupervisingUnitCode = "housing-bureau" },
        new() { TenantId = "bus-co", Name = "沂水县公共汽车公司", Kind = UnitKind.Enterprise, SupervisingUnitCode = "transport-bureau" },
        new() { TenantId = "service-hall", Name = "沂水县为民服务中心政务服务大厅", Kind = UnitKind.ServiceWindow, SupervisingUnitCode = "approval-bureau" },
    ];
}
