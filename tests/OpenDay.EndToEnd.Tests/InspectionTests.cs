using Grpc.Core;
using OpenDay.Assessment.V1;
using OpenDay.EndToEnd.Tests.Infrastructure;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Inspections and on-site visits (督促检查、现场走访, §六(四)): the county records them; problems found need a
/// rectification by a due date in working days; the unit reads its own and records its rectification; the county
/// sees what is still open. A rectification after the due date stays marked late (the score keeps its deduction).
/// </summary>
[Collection(StackCollection.Name)]
public class InspectionTests(OpenDayStack stack)
{
    private readonly Clients _inspector = new(stack, "county.inspector");
    private readonly Clients _gaoqiao = new(stack, "gaoqiao.admin");
    private readonly Clients _yicheng = new(stack, "yicheng.admin");

    private async Task<Inspection> RecordAsync(string inspectedOn, InspectionRating rating, string findings, string rectification = "", int days = 0,
        string unit = "gaoqiao-town", string eventId = "") =>
        await _inspector.Assessment.RecordInspectionAsync(new RecordInspectionRequest
        {
            UnitCode = unit, EventId = eventId, InspectedOn = inspectedOn, Kind = InspectionKind.SiteVisit, Findings = findings, Rating = rating,
            RectificationRequired = rectification, RectificationWorkingDays = days,
        }, await _inspector.Call());

    private async Task<List<string>> OpenIdsAsync(Clients county) =>
        (await county.Assessment.ListInspectionsAsync(new ListInspectionsRequest { UnitCode = "gaoqiao-town", OpenOnly = true, PageSize = 100 }, await county.Call()))
        .Inspections.Select(i => i.Id).ToList();

    [Fact]
    public async Task An_inspection_with_problems_stays_open_for_the_county_until_the_unit_rectifies_and_a_late_rectification_stays_late()
    {
        var eventId = await _gaoqiao.CreateEventAsync("接受检查的开放日");
        // Tuesday 2026-10-20 + 5 working days = Tuesday 2026-10-27 (no holiday in between): long past, so rectified late.
        var late = await RecordAsync("2026-10-20", InspectionRating.ProblemsFound, "开放日公告未在政府网站发布", "在政府网站补发公告", 5, eventId: eventId);
        Assert.Equal(("2026-10-27", true, eventId), (late.RectificationDueOn, late.Open, late.EventId));
        // Today + 10 working days: rectified today is on time.
        var onTime = await RecordAsync(Ledger.Today, InspectionRating.ProblemsFound, "意见台账未及时更新", "更新台账并答复", 10);
        var good = await RecordAsync(Ledger.Today, InspectionRating.Good, "组织有序");
        Assert.False(good.Open);
        Assert.Equal("", good.RectificationDueOn);

        var open = await OpenIdsAsync(_inspector);
        Assert.Contains(late.Id, open);
        Assert.Contains(onTime.Id, open);
        Assert.DoesNotContain(good.Id, open);

        // The unit reads its own and records its rectifications.
        var own = await _gaoqiao.Assessment.ListInspectionsAsync(new ListInspectionsRequest { PageSize = 100 }, await _gaoqiao.Call());
        Assert.Contains(own.Inspections, i => i.Id == late.Id);
        Assert.All(own.Inspections, i => Assert.Equal("gaoqiao-town", i.UnitCode));
        var rectifiedLate = await _gaoqiao.Assessment.RecordRectificationAsync(new RecordRectificationRequest { Id = late.Id, Note = "已补发公告" }, await _gaoqiao.Call());
        Assert.Equal((false, false, Ledger.Today), (rectifiedLate.Open, rectifiedLate.RectifiedOnTime, rectifiedLate.RectifiedOn));
        var rectified = await _gaoqiao.Assessment.RecordRectificationAsync(new RecordRectificationRequest { Id = onTime.Id, Note = "台账已更新" }, await _gaoqiao.Call());
        Assert.Equal((false, true), (rectified.Open, rectified.RectifiedOnTime));

        open = await OpenIdsAsync(new Clients(stack, "county.admin"));
        Assert.DoesNotContain(late.Id, open);
        Assert.DoesNotContain(onTime.Id, open);
        // Late stays late for the county too; twice, or with nothing to rectify, is refused with the reason.
        var county = await _inspector.Assessment.GetInspectionAsync(new GetInspectionRequest { Id = late.Id }, await _inspector.Call());
        Assert.Equal((false, "已补发公告"), (county.RectifiedOnTime, county.RectificationNote));
        foreach (var id in new[] { late.Id, good.Id })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () =>
                await _gaoqiao.Assessment.RecordRectificationAsync(new RecordRectificationRequest { Id = id, Note = "再次整改" }, await _gaoqiao.Call()));
            Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        }
    }

    [Fact]
    public async Task Another_unit_sees_none_of_it_a_unit_records_no_inspection_and_bad_input_is_a_400_naming_the_field()
    {
        var inspection = await RecordAsync(Ledger.Today, InspectionRating.ProblemsFound, "高桥镇检查发现的问题", "限期整改", 3);
        foreach (var call in new Func<CallOptions, Task>[]
                 {
                     async o => await _yicheng.Assessment.GetInspectionAsync(new GetInspectionRequest { Id = inspection.Id }, o),
                     async o => await _yicheng.Assessment.RecordRectificationAsync(new RecordRectificationRequest { Id = inspection.Id, Note = "冒名" }, o),
                 })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(async () => await call(await _yicheng.Call()));
            Assert.Equal(StatusCode.NotFound, denied.StatusCode);
        }
        var listed = await _yicheng.Assessment.ListInspectionsAsync(new ListInspectionsRequest { UnitCode = "gaoqiao-town", PageSize = 100 }, await _yicheng.Call());
        Assert.DoesNotContain(listed.Inspections, i => i.Id == inspection.Id);
        var unitRecords = await Assert.ThrowsAsync<RpcException>(async () => await _gaoqiao.Assessment.RecordInspectionAsync(new RecordInspectionRequest
        {
            UnitCode = "yicheng-street", InspectedOn = Ledger.Today, Kind = InspectionKind.Supervision, Findings = "互查", Rating = InspectionRating.Good,
        }, await _gaoqiao.Call()));
        Assert.Equal(StatusCode.PermissionDenied, unitRecords.StatusCode);

        var before = (await _inspector.Assessment.ListInspectionsAsync(new ListInspectionsRequest { UnitCode = "gaoqiao-town", PageSize = 1 }, await _inspector.Call())).TotalSize;
        var cases = new (object Body, string Field)[]
        {
            (new { unitCode = "gaoqiao-town", inspectedOn = Ledger.Today, kind = "INSPECTION_KIND_SITE_VISIT", findings = "问题", rating = "INSPECTION_RATING_PROBLEMS_FOUND", rectificationWorkingDays = 5 },
                "rectification_required"),
            (new { unitCode = "gaoqiao-town", inspectedOn = "2099-01-01", kind = "INSPECTION_KIND_SITE_VISIT", findings = "好", rating = "INSPECTION_RATING_GOOD" }, "inspected_on"),
            (new { unitCode = "no-such-unit", inspectedOn = Ledger.Today, kind = "INSPECTION_KIND_SITE_VISIT", findings = "好", rating = "INSPECTION_RATING_GOOD" }, "unit_code"),
        };
        foreach (var (body, field) in cases)
        {
            var (status, error, _) = await Ledger.RestAsync(stack, HttpMethod.Post, "/api/v1/assessment/inspections", "county.inspector", body);
            Assert.Equal((HttpStatusCode.BadRequest, field), (status, People.ViolatedField(error)));
        }
        Assert.Equal(before, (await _inspector.Assessment.ListInspectionsAsync(new ListInspectionsRequest { UnitCode = "gaoqiao-town", PageSize = 1 }, await _inspector.Call())).TotalSize);
    }
}
