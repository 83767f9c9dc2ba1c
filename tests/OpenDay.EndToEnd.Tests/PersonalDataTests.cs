using System.Net.Http.Json;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// ID and mobile numbers go in, and never come out whole: not in a response body, not in any service's console log,
/// not in the traces and logs every service exports (captured here as the Aspire dashboard would receive them).
/// </summary>
[Collection(StackCollection.Name)]
public class PersonalDataTests(OpenDayStack stack)
{
    [Fact]
    public async Task Full_id_and_mobile_numbers_appear_in_no_response_log_or_trace()
    {
        var unit = new Clients(stack, "gaoqiao.admin");
        var applicant = People.Next("李");
        var invitee = People.Next("王");
        var bodies = new List<string>();
        using var gateway = stack.Gateway();
        var eventId = await OpenEvents.CreateAsync(unit);

        // Everything a resident, an invitee and the staff do with the numbers, on both protocols.
        using (var signUp = await People.SignUpAsync(gateway, eventId, applicant))
        {
            bodies.Add(await signUp.Content.ReadAsStringAsync());
        }
        using (var duplicate = await People.SignUpAsync(gateway, eventId, applicant))
        {
            bodies.Add(await duplicate.Content.ReadAsStringAsync());
        }
        using (var badMobile = await People.SignUpAsync(gateway, eventId, applicant with { Mobile = applicant.Mobile + "9" }))
        {
            bodies.Add(await badMobile.Content.ReadAsStringAsync());
        }
        var invitation = await unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = invitee.Name, Mobile = invitee.Mobile, Category = ParticipantCategory.NpcDeputy,
        }, await unit.Call());
        bodies.Add(invitation.ToString());
        using (var accepted = await gateway.PostAsJsonAsync($"/api/v1/public/registrations/invitations/{invitation.Code}/response",
                   new { accept = true, idNumber = invitee.IdNumber }))
        {
            bodies.Add(await accepted.Content.ReadAsStringAsync());
        }
        var applications = await unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await unit.Call());
        bodies.Add(applications.ToString());
        await unit.Registrations.ReviewApplicationAsync(new ReviewApplicationRequest { Id = applications.Applications[0].Id, Decision = ReviewDecision.Approve }, await unit.Call());
        bodies.Add((await unit.Registrations.GetRosterAsync(new GetRosterRequest { EventId = eventId }, await unit.Call())).ToString());
        bodies.Add((await unit.Registrations.ExportRosterAsync(new ExportRosterRequest { EventId = eventId }, await unit.Call())).Data.ToStringUtf8());
        using (var rest = await stack.Gateway().SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/api/v1/registrations/events/{eventId}/roster")
               {
                   Headers = { Authorization = new("Bearer", await stack.Tokens.For("gaoqiao.admin")) },
               }))
        {
            bodies.Add(await rest.Content.ReadAsStringAsync());
        }

        // The masked forms did come back (so the search below looks at real answers)…
        Assert.Contains(bodies, b => b.Contains(applicant.IdNumber[..4] + "**********" + applicant.IdNumber[^4..]));
        Assert.Contains(bodies, b => b.Contains(invitee.Mobile[..3] + "****" + invitee.Mobile[^4..]));
        // …and telemetry of these requests arrived (batches are exported every half second), up to the last call's.
        var lastCall = $"/api/v1/registrations/events/{eventId}/roster";
        await Eventually.HoldsAsync(() => stack.Telemetry.Contains(lastCall) && stack.Telemetry.Count("logs") > 0
                                          && stack.ConsoleLogs.Any(line => line.StartsWith("registrations:", StringComparison.Ordinal)));
        Assert.True(stack.Telemetry.Count("traces") > 0, "no traces were exported");
        Assert.True(stack.Telemetry.Count("logs") > 0, "no logs were exported");
        Assert.Contains(stack.ConsoleLogs, line => line.StartsWith("registrations:", StringComparison.Ordinal));
        Assert.True(stack.Telemetry.Contains(lastCall), "the traces name the event, so they cover these calls");

        foreach (var secret in new[] { applicant.IdNumber, applicant.Mobile, invitee.IdNumber, invitee.Mobile, applicant.Mobile + "9" })
        {
            Assert.DoesNotContain(bodies, b => b.Contains(secret));
            Assert.DoesNotContain(stack.ConsoleLogs, line => line.Contains(secret));
            Assert.False(stack.Telemetry.Contains(secret), "a full ID or mobile number was exported in telemetry");
        }
    }
}
