using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.ServiceDefaults.Grpc;
using OpenDay.ServiceDefaults.PersonalData;
using OpenDay.ServiceDefaults.Tenancy;
using OpenDay.Units.Infrastructure;
using OpenDay.Units.V1;
using Unit = OpenDay.Units.Domain.Unit;

namespace OpenDay.Units.Grpc;

public class UnitsGrpcService(UnitsDbContext db, CallerContext caller) : UnitsService.UnitsServiceBase
{
    public override async Task<V1.Unit> GetMyUnit(GetMyUnitRequest request, ServerCallContext context) =>
        ToMessage(await FindMyUnitAsync(context.CancellationToken));

    [Authorize(Roles = Roles.UnitAdmin)]
    public override async Task<V1.Unit> UpdateMyUnitContact(UpdateMyUnitContactRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Required(request.ContactName, "contact_name", 50)
            .Check(PhoneNumbers.IsMobileOrLandline(request.ContactPhone), "contact_phone",
                "contact_phone must be an 11-digit mobile number (1[3-9]…) or a landline such as 0539-2251234.")
            .ThrowIfAny();

        var unit = await FindMyUnitAsync(context.CancellationToken);
        unit.ContactName = request.ContactName.Trim();
        unit.ContactPhone = request.ContactPhone;
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(unit);
    }

    [AllowAnonymous]
    public override async Task<ListPublicUnitsResponse> ListPublicUnits(ListPublicUnitsRequest request, ServerCallContext context)
    {
        // The public list is a projection of names and kinds only; it is the one read across tenants.
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => u.Active)
            .OrderBy(u => u.Kind).ThenBy(u => u.TenantId)
            .Select(u => new PublicUnit { Code = u.TenantId, Name = u.Name, Kind = u.Kind })
            .ToListAsync(context.CancellationToken);
        return new ListPublicUnitsResponse { Units = { units } };
    }

    private async Task<Unit> FindMyUnitAsync(CancellationToken cancellationToken)
    {
        var tenant = caller.TenantId ?? throw RpcErrors.PermissionDenied("Your account is not assigned to a unit.");
        return await db.Units.SingleOrDefaultAsync(u => u.TenantId == tenant, cancellationToken)
               ?? throw RpcErrors.NotFound("unit", tenant);
    }

    private static V1.Unit ToMessage(Unit unit) => new()
    {
        Code = unit.TenantId,
        Name = unit.Name,
        Kind = unit.Kind,
        SupervisingUnitCode = unit.SupervisingUnitCode ?? "",
        ContactName = unit.ContactName ?? "",
        ContactPhoneMasked = PhoneNumbers.Mask(unit.ContactPhone),
        Active = unit.Active,
    };
}
