using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>Made-up residents with valid real-name data, and the public sign-up a browser would send.</summary>
public static class People
{
    private static int _next = Random.Shared.Next(0, 100_000);

    public sealed record Person(string Name, string Mobile, string IdNumber, string WorkUnit = "沂水县居民");

    /// <summary>A new person: an ID number of Yishui county (371323) with a correct GB 11643 check character, and a mobile number.</summary>
    public static Person Next(string name = "群众")
    {
        var n = Interlocked.Increment(ref _next);
        var birth = new DateOnly(1960, 1, 1).AddDays(n % 15_000);
        var first17 = $"371323{birth:yyyyMMdd}{n % 1000:D3}";
        return new Person($"{name}{n % 10_000}", $"139{n % 100_000_000:D8}", first17 + CheckCharacter(first17));
    }

    /// <summary>GB 11643 (ISO 7064 MOD 11-2), computed here independently of the service.</summary>
    public static char CheckCharacter(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return "10X98765432"[sum % 11];
    }

    /// <summary>An ID number whose 18th character is wrong.</summary>
    public static string WithWrongCheckCharacter(string idNumber) =>
        idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');

    /// <summary>POST /api/v1/public/registrations/events/{id}/applications through the gateway, as a browser would, without a token.</summary>
    public static Task<HttpResponseMessage> SignUpAsync(HttpClient gateway, string eventId, Person person, string? idempotencyKey = null,
        string category = "") =>
        gateway.PostAsJsonAsync($"/api/v1/public/registrations/events/{eventId}/applications", new Dictionary<string, string>
        {
            ["name"] = person.Name,
            ["mobile"] = person.Mobile,
            ["idNumber"] = person.IdNumber,
            ["workUnit"] = person.WorkUnit,
            ["idempotencyKey"] = idempotencyKey ?? "",
            ["category"] = category.Length > 0 ? category : "PARTICIPANT_CATEGORY_UNSPECIFIED",
        });

    /// <summary>Signs up and returns the reference code; fails the test on anything but success.</summary>
    public static async Task<string> SignedUpAsync(HttpClient gateway, string eventId, Person person, string category = "")
    {
        using var response = await SignUpAsync(gateway, eventId, person, category: category);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"sign-up failed: {(int)response.StatusCode} {body}");
        return body.GetProperty("referenceCode").GetString()!;
    }

    /// <summary>The field named by the first violation of a JSON error body (google.rpc.Status with BadRequest or PreconditionFailure).</summary>
    public static string ViolatedField(JsonElement error)
    {
        foreach (var detail in error.GetProperty("details").EnumerateArray())
        {
            if (detail.TryGetProperty("fieldViolations", out var fields)) return fields[0].GetProperty("field").GetString()!;
            if (detail.TryGetProperty("violations", out var violations)) return violations[0].GetProperty("subject").GetString()!;
        }
        return "";
    }

    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
