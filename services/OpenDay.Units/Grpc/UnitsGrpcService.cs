using OpenDay.Audit.V1;
using OpenDay.Platform.Data;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using OpenDay.ServiceDefaults.Authentication;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.PersonalData;
using OpenDay.Platform.Tenancy;
using OpenDay.Units.Domain;
using OpenDay.Units.Infrastructure;
using OpenDay.Units.V1;
using Unit = OpenDay.Units.Domain.Unit;

namespace OpenDay.Units.Grpc;

public class UnitsGrpcService(UnitsDbContext db, CallerContext caller, UnitFactsCache factsCache, PublicListingCache publicCache,
    KeycloakAdminClient identity)
    : UnitsService.UnitsServiceBase
{
    public override Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        db.ListAuditEntriesAsync(request, context.CancellationToken);

    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<V1.Unit> CreateUnit(CreateUnitRequest request, ServerCallContext context)
    {
        var existing = await AllUnitsAsync(context.CancellationToken);
        var violations = new FieldViolations()
            .Check(UnitRules.IsValidCode(request.Code), "code",
                "code must be 2–63 lower-case letters, digits or dashes, starting with a letter or digit (e.g. gaoqiao-town).")
            .Check(request.Kind != UnitKind.Unspecified && System.Enum.IsDefined(request.Kind), "kind",
                "kind must be one of: township, street office, county department, public institution, enterprise, service window.")
            .Check(request.Kind != UnitKind.CountyOffice, "kind", "The county office exists already; there is only one.");
        UnitRules.CheckDetails(violations, request.Name, request.ContactName, request.ContactPhone);
        if (request.Kind is not UnitKind.Unspecified)
        {
            UnitRules.CheckSupervision(violations, request.Code, request.Kind, NullIfEmpty(request.SupervisingUnitCode),
                code => existing.GetValueOrDefault(code));
        }
        violations.ThrowIfAny();
        if (existing.ContainsKey(request.Code))
        {
            throw RpcErrors.AlreadyExists("unit", request.Code, "code", $"A unit with code '{request.Code}' exists already; codes are never reused.");
        }

        var unit = new Unit
        {
            Code = request.Code,
            Name = request.Name.Trim(),
            Kind = request.Kind,
            SupervisingUnitCode = NullIfEmpty(request.SupervisingUnitCode),
            ContactName = NullIfEmpty(request.ContactName?.Trim()),
            ContactPhone = NullIfEmpty(request.ContactPhone),
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync(context.CancellationToken);
        await factsCache.InvalidateAsync(unit.Code, unit.SupervisingUnitCode);
        await publicCache.BumpAsync();
        return ToMessage(unit);
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<V1.Unit> UpdateUnit(UpdateUnitRequest request, ServerCallContext context)
    {
        var existing = await AllUnitsAsync(context.CancellationToken);
        var unit = existing.GetValueOrDefault(request.Code) ?? throw RpcErrors.NotFound("unit", request.Code);
        var violations = UnitRules.CheckDetails(new FieldViolations(), request.Name, request.ContactName, request.ContactPhone);
        UnitRules.CheckSupervision(violations, unit.Code, unit.Kind, NullIfEmpty(request.SupervisingUnitCode),
            code => existing.GetValueOrDefault(code));
        violations.ThrowIfAny();

        var previousSupervisor = unit.SupervisingUnitCode;
        unit.Name = request.Name.Trim();
        unit.SupervisingUnitCode = NullIfEmpty(request.SupervisingUnitCode);
        unit.ContactName = NullIfEmpty(request.ContactName?.Trim());
        unit.ContactPhone = NullIfEmpty(request.ContactPhone);
        await db.SaveChangesAsync(context.CancellationToken);
        await factsCache.InvalidateAsync(unit.Code, previousSupervisor, unit.SupervisingUnitCode);
        await publicCache.BumpAsync();
        return ToMessage(unit);
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<V1.Unit> RetireUnit(RetireUnitRequest request, ServerCallContext context)
    {
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == request.Code, context.CancellationToken)
                   ?? throw RpcErrors.NotFound("unit", request.Code);
        if (unit.Kind == UnitKind.CountyOffice)
        {
            throw RpcErrors.FailedPrecondition(unit.Code, "COUNTY_OFFICE", "The county office cannot be retired.");
        }
        if (!unit.Active)
        {
            throw RpcErrors.FailedPrecondition(unit.Code, "RETIRED", $"Unit '{unit.Code}' is retired already.");
        }
        var supervised = await db.Units.CountAsync(u => u.SupervisingUnitCode == unit.Code && u.Active, context.CancellationToken);
        if (supervised > 0)
        {
            throw RpcErrors.FailedPrecondition(unit.Code, "SUPERVISES_ACTIVE_UNITS",
                $"Unit '{unit.Code}' still supervises {supervised} active unit(s); give them another supervisor first.");
        }
        unit.Active = false;
        unit.RetiredAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(context.CancellationToken);
        await factsCache.InvalidateAsync(unit.Code, unit.SupervisingUnitCode);
        await publicCache.BumpAsync();
        return ToMessage(unit);
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<StaffMember> AssignStaff(AssignStaffRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Required(request.Username, "username", 100)
            .Check(request.Role is StaffRole.UnitAdmin or StaffRole.UnitStaff, "role", "role must be unit admin or unit staff.")
            .ThrowIfAny();
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == request.Code, context.CancellationToken)
                   ?? throw RpcErrors.NotFound("unit", request.Code);
        if (!unit.Active)
        {
            throw RpcErrors.FailedPrecondition(unit.Code, "RETIRED", $"Unit '{unit.Code}' is retired; no one can be assigned to it.");
        }
        var user = await identity.FindUserAsync(request.Username, context.CancellationToken)
                   ?? throw RpcErrors.NotFound("user", request.Username);

        // The identity provider first: it is what tokens come from. The record follows.
        await identity.SetUnitAsync(user, unit.Code, StaffAssignment.RealmRole(request.Role), context.CancellationToken);
        var username = user.Username.ToLowerInvariant();
        var assignment = await db.StaffAssignments.SingleOrDefaultAsync(s => s.Username == username, context.CancellationToken);
        if (assignment is null)
        {
            assignment = new StaffAssignment { UnitCode = unit.Code, Username = username, UserId = user.Id, AssignedBy = caller.UserName ?? "" };
            db.StaffAssignments.Add(assignment);
        }
        assignment.UnitCode = unit.Code;
        assignment.Role = request.Role;
        assignment.AssignedBy = caller.UserName ?? "";
        assignment.AssignedAt = DateTimeOffset.UtcNow;
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(assignment);
    }

    [Authorize(Roles = $"{Roles.CountyAdmin},{Roles.CountyInspector},{Roles.UnitAdmin}")]
    public override async Task<ListStaffResponse> ListStaff(ListStaffRequest request, ServerCallContext context)
    {
        // A unit's staff are its own business and the county's (not even its supervisor's): any other unit, like one
        // that does not exist, is not found — never an empty list that confirms it exists.
        var mayRead = caller.IsCountyRole || request.Code == caller.TenantId;
        if (!mayRead || !await db.Units.AnyAsync(u => u.Code == request.Code, context.CancellationToken))
        {
            throw RpcErrors.NotFound("unit", request.Code);
        }
        var staff = await db.StaffAssignments.AsNoTracking()
            .Where(s => s.UnitCode == request.Code)
            .OrderBy(s => s.Username)
            .ToListAsync(context.CancellationToken);
        return new ListStaffResponse { Staff = { staff.Select(ToMessage) } };
    }

    [Authorize(Roles = Roles.CountyAdmin)]
    public override async Task<StaffMember> RemoveStaff(RemoveStaffRequest request, ServerCallContext context)
    {
        var username = request.Username.ToLowerInvariant();
        var assignment = await db.StaffAssignments
                             .SingleOrDefaultAsync(s => s.Username == username && s.UnitCode == request.Code, context.CancellationToken)
                         ?? throw RpcErrors.NotFound("staff member", $"{request.Code}/{request.Username}");
        if (await identity.FindUserAsync(username, context.CancellationToken) is { } user)
        {
            await identity.SetUnitAsync(user, unitCode: null, role: null, context.CancellationToken);
        }
        db.StaffAssignments.Remove(assignment);
        await db.SaveChangesAsync(context.CancellationToken);
        return ToMessage(assignment);
    }

    public override async Task<V1.Unit> GetUnit(GetUnitRequest request, ServerCallContext context) =>
        ToMessage(await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == request.Code, context.CancellationToken)
                  ?? throw RpcErrors.NotFound("unit", request.Code));

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        var violations = new FieldViolations()
            .Check(System.Enum.IsDefined(request.Kind), "kind", "kind is not a known unit kind.");
        var paging = Paging.From(request.PageSize, request.PageToken, DefaultPageSize, MaxPageSize, violations);
        violations.ThrowIfAny();

        var query = db.Units.AsNoTracking();
        if (!request.IncludeRetired) query = query.Where(u => u.Active);
        if (request.Kind != UnitKind.Unspecified) query = query.Where(u => u.Kind == request.Kind);
        if (request.SupervisingUnitCode.Length > 0) query = query.Where(u => u.SupervisingUnitCode == request.SupervisingUnitCode);
        if (request.NameContains.Length > 0) query = query.Where(u => u.Name.Contains(request.NameContains));

        var total = await query.CountAsync(context.CancellationToken);
        var page = await query.OrderBy(u => u.Code).Skip(paging.Offset).Take(paging.Size).ToListAsync(context.CancellationToken);
        return new ListUnitsResponse { Units = { page.Select(ToMessage) }, TotalSize = total, NextPageToken = paging.NextToken(page.Count, total) };
    }

    public override async Task<V1.Unit> GetMyUnit(GetMyUnitRequest request, ServerCallContext context) =>
        ToMessage(await FindMyUnitAsync(context.CancellationToken));

    [Authorize(Roles = Roles.UnitAdmin)]
    public override async Task<V1.Unit> UpdateMyUnitContact(UpdateMyUnitContactRequest request, ServerCallContext context)
    {
        new FieldViolations()
            .Required(request.ContactName, "contact_name", UnitRules.ContactNameMaxLength)
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
        var units = await db.PublicUnits
            .OrderBy(u => u.Kind).ThenBy(u => u.Code)
            .Select(u => new PublicUnit { Code = u.Code, Name = u.Name, Kind = u.Kind })
            .ToListAsync(context.CancellationToken);
        return new ListPublicUnitsResponse { Units = { units } };
    }

    /// <summary>Every unit, for the registry's own rules (supervisor exists, no cycle, code unused); county-admin only.</summary>
    private async Task<Dictionary<string, Unit>> AllUnitsAsync(CancellationToken cancellationToken) =>
        await db.Units.ToDictionaryAsync(u => u.Code, cancellationToken);

    private async Task<Unit> FindMyUnitAsync(CancellationToken cancellationToken)
    {
        var tenant = caller.RequiredTenantId;
        return await db.Units.SingleOrDefaultAsync(u => u.Code == tenant, cancellationToken)
               ?? throw RpcErrors.NotFound("unit", tenant);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static StaffMember ToMessage(StaffAssignment staff) => new()
    {
        UnitCode = staff.UnitCode,
        Username = staff.Username,
        Role = staff.Role,
        AssignedBy = staff.AssignedBy,
        AssignedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(staff.AssignedAt),
    };

    private static V1.Unit ToMessage(Unit unit) => new()
    {
        Code = unit.Code,
        Name = unit.Name,
        Kind = unit.Kind,
        SupervisingUnitCode = unit.SupervisingUnitCode ?? "",
        ContactName = unit.ContactName ?? "",
        ContactPhoneMasked = PhoneNumbers.Mask(unit.ContactPhone),
        Active = unit.Active,
    };
}
