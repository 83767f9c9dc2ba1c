using System.Net.Http.Json;
using System.Text.Json;
using Grpc.Core;
using OpenDay.EndToEnd.Tests.Infrastructure;
using OpenDay.Registrations.V1;

namespace OpenDay.EndToEnd.Tests;

/// <summary>
/// Public sign-up (社会报名) through the gateway's anonymous REST route: real-name data checked field by field, the
/// window and the public sign-up switch respected, one person once per event, a retried submit harmless, and an
/// applicant who follows and withdraws their application by its reference code. A refused sign-up writes nothing.
/// </summary>
[Collection(StackCollection.Name)]
public class SignUpTests(OpenDayStack stack)
{
    private readonly Clients _unit = new(stack, "yicheng.admin");

    [Fact]
    public async Task A_resident_signs_up_and_follows_the_application_by_its_reference_code()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        var person = People.Next("张");
        using var gateway = stack.Gateway();

        using var response = await People.SignUpAsync(gateway, eventId, person);
        var application = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("PARTICIPANT_STATUS_SUBMITTED", application.GetProperty("status").GetString());
        Assert.Equal("PARTICIPANT_CATEGORY_PUBLIC_REPRESENTATIVE", application.GetProperty("category").GetString());
        Assert.Equal(person.IdNumber[..4] + "**********" + person.IdNumber[^4..], application.GetProperty("idNumberMasked").GetString());
        Assert.Equal(person.Mobile[..3] + "****" + person.Mobile[^4..], application.GetProperty("mobileMasked").GetString());
        var code = application.GetProperty("referenceCode").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", code);

        var followed = await gateway.GetFromJsonAsync<JsonElement>($"/api/v1/public/registrations/applications/{code}");
        Assert.Equal(person.Name, followed.GetProperty("name").GetString());

        using var withdrawn = await gateway.PostAsJsonAsync($"/api/v1/public/registrations/applications/{code}/withdraw", new { });
        Assert.Equal("PARTICIPANT_STATUS_WITHDRAWN", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        // Withdrawn, the same person may sign up again.
        await People.SignedUpAsync(gateway, eventId, person);
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { "id_number", "wrong check character" },
        { "id_number", "impossible birth date" },
        { "id_number", "too short" },
        { "mobile", "malformed mobile" },
        { "name", "missing name" },
        { "work_unit", "missing work unit" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_named_and_nothing_is_written(string field, string problem)
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        var person = People.Next();
        person = problem switch
        {
            "wrong check character" => person with { IdNumber = People.WithWrongCheckCharacter(person.IdNumber) },
            // 1999-02-30 does not exist; the check character is right for the digits, so only the date can refuse it.
            "impossible birth date" => person with { IdNumber = "37132319990230123" + People.CheckCharacter("37132319990230123") },
            "too short" => person with { IdNumber = person.IdNumber[..15] },
            "malformed mobile" => person with { Mobile = "12345678901" },
            "missing name" => person with { Name = " " },
            _ => person with { WorkUnit = "" },
        };
        using var gateway = stack.Gateway();

        using var response = await People.SignUpAsync(gateway, eventId, person);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, People.ViolatedField(await response.Content.ReadFromJsonAsync<JsonElement>()));
        await AssertNoApplicationsAsync(eventId);
    }

    [Fact]
    public async Task The_same_person_signs_up_once_per_event_and_a_retried_submit_gets_the_first_answer()
    {
        var eventId = await OpenEvents.CreateAsync(_unit);
        var person = People.Next();
        var key = Guid.NewGuid().ToString();
        using var gateway = stack.Gateway();

        // A nervous double tap and three retries, all at once: one application, the same answer each time.
        var submits = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            using var response = await People.SignUpAsync(gateway, eventId, person, key);
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));
        Assert.All(submits, s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
        Assert.Single(submits.Select(s => s.Body.GetProperty("referenceCode").GetString()).Distinct());

        // The same ID number with another name and mobile, without the key: refused, naming the field.
        using var again = await People.SignUpAsync(gateway, eventId, People.Next() with { IdNumber = person.IdNumber });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode); // FAILED_PRECONDITION maps to 400
        var error = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(9, error.GetProperty("code").GetInt32());
        Assert.Equal("id_number", People.ViolatedField(error));

        // An invitee who accepted with that ID number counts too.
        var invitation = await _unit.Registrations.CreateInvitationAsync(new CreateInvitationRequest
        {
            EventId = eventId, Name = "赵代表", Mobile = "13905390111", Category = ParticipantCategory.NpcDeputy,
        }, await _unit.Call());
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await Clients.Anonymous(stack).PublicRegistrations.RespondToInvitationAsync(
            new RespondToInvitationRequest { Code = invitation.Code, Accept = true, IdNumber = person.IdNumber }, await Clients.Anonymous(stack).Call()));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);

        var applications = await _unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await _unit.Call());
        Assert.Equal(1, applications.TotalSize);
        Assert.Equal(0, applications.Roster.Confirmed);
    }

    [Fact]
    public async Task Sign_up_is_refused_when_public_sign_up_is_off_before_the_window_and_on_a_draft()
    {
        using var gateway = stack.Gateway();
        var invitationOnly = await OpenEvents.CreateAsync(_unit, publicSignup: false);
        var notYet = await OpenEvents.CreateAsync(_unit, registrationOpensAt: DateTime.UtcNow.AddDays(30));
        var draft = await _unit.CreateEventAsync("草稿");

        foreach (var (eventId, expected) in new[] { (invitationOnly, HttpStatusCode.BadRequest), (notYet, HttpStatusCode.BadRequest), (draft, HttpStatusCode.NotFound) })
        {
            using var response = await People.SignUpAsync(gateway, eventId, People.Next());
            var error = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(expected, response.StatusCode);
            if (expected == HttpStatusCode.BadRequest)
            {
                Assert.Equal("event", People.ViolatedField(error));
                await AssertNoApplicationsAsync(eventId);
            }
        }
    }

    private async Task AssertNoApplicationsAsync(string eventId)
    {
        var applications = await _unit.Registrations.ListApplicationsAsync(new ListApplicationsRequest { EventId = eventId }, await _unit.Call());
        Assert.Equal(0, applications.TotalSize);
    }
}
