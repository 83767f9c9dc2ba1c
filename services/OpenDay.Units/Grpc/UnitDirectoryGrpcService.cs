using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using OpenDay.Platform.Grpc;
using OpenDay.Platform.Tenancy;
using OpenDay.Units.Infrastructure;
using OpenDay.Units.V1;

namespace OpenDay.Units.Grpc;

/// <summary>Answers the other services' question "what is the caller's unit?", for the caller's own unit only.</summary>
public class UnitDirectoryGrpcService(UnitsDbContext db, CallerContext caller) : UnitDirectory.UnitDirectoryBase
{
    public override async Task<UnitFacts> GetUnitFacts(GetUnitFactsRequest request, ServerCallContext context)
    {
        var tenant = caller.RequiredTenantId;
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == tenant, context.CancellationToken)
                   ?? throw RpcErrors.NotFound("unit", tenant);
        var supervised = await db.Units.AsNoTracking()
            .Where(u => u.SupervisingUnitCode == unit.Code)
            .OrderBy(u => u.Code).Select(u => u.Code)
            .ToListAsync(context.CancellationToken);
        return new UnitFacts
        {
            Code = unit.Code,
            Kind = unit.Kind,
            Active = unit.Active,
            SupervisingUnitCode = unit.SupervisingUnitCode ?? "",
            SupervisedUnitCodes = { supervised },
        };
    }
}
