using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenDay.EndToEnd.Tests.Infrastructure;

namespace OpenDay.EndToEnd.Tests;

/// <summary>Local mode keeps its state across restarts: the database's rows, the identity provider's keys and sessions.</summary>
[Collection(StackCollection.Name)]
public class RestartTests(OpenDayStack stack)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Identity_provider_keeps_its_signing_key_and_refresh_tokens_across_a_restart()
    {
        using var client = stack.Gateway();
        var keyBefore = await SigningKeyIdAsync(client);
        var session = await stack.Tokens.RequestAsync(new()
        {
            ["grant_type"] = "password", ["client_id"] = Tokens.CliClient, ["client_secret"] = Tokens.CliSecret,
            ["username"] = "housing.admin", ["password"] = Tokens.Password,
        });

        await RestartAsync("identity");

        Assert.Equal(keyBefore, await SigningKeyIdAsync(client));
        var refreshed = await stack.Tokens.RequestAsync(new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = Tokens.CliClient, ["client_secret"] = Tokens.CliSecret,
            ["refresh_token"] = session.GetProperty("refresh_token").GetString()!,
        });
        // Both the token from before the restart and the new one are accepted.
        foreach (var token in new[] { session, refreshed }.Select(t => t.GetProperty("access_token").GetString()!))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/units/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Rows_survive_a_database_restart()
    {
        using var client = stack.Gateway();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await stack.Tokens.For("gaoqiao.admin"));
        using var created = await client.PostAsJsonAsync("/api/v1/events", new
        {
            title = "重启之后仍在",
            theme = "民生保障",
            forms = new[] { "EVENT_FORM_VISIT_SITES" },
            venue = "高桥镇污水处理厂",
            startsAt = "2026-10-20T01:00:00Z",
            endsAt = "2026-10-20T03:00:00Z",
            capacity = 20,
            backfill = true, // 补录: the 2026 campaign is over
        });
        created.EnsureSuccessStatusCode();
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        await RestartAsync("postgres");

        // The service reconnects by itself; the row is still there.
        using var timeout = new CancellationTokenSource(Recovery);
        while (true)
        {
            using var response = await client.GetAsync($"/api/v1/events/{id}", timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                Assert.Equal("重启之后仍在", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
                break;
            }
            await Task.Delay(TimeSpan.FromSeconds(1), timeout.Token);
        }
    }

    private async Task RestartAsync(string resource)
    {
        using var timeout = new CancellationTokenSource(Recovery);
        var processBefore = ProcessId(resource);
        var result = await stack.App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.RestartCommand, timeout.Token);
        if (!result.Success)
        {
            // The orchestrator gives up on a stop that takes too long; the process is gone by then, so start it again.
            await stack.App.ResourceCommands.ExecuteCommandAsync(resource, KnownResourceCommands.StartCommand, timeout.Token);
        }
        await stack.WaitAllHealthyAsync(Recovery);
        Assert.NotEqual(processBefore, ProcessId(resource)); // it really was a new process
    }

    private object? ProcessId(string resource)
    {
        Assert.True(stack.App.ResourceNotifications.TryGetCurrentState(resource, out var state));
        var pid = state.Snapshot.Properties.SingleOrDefault(p => p.Name == "executable.pid")?.Value;
        Assert.NotNull(pid);
        return pid;
    }

    private static async Task<string> SigningKeyIdAsync(HttpClient client)
    {
        var jwks = await client.GetFromJsonAsync<JsonElement>("/realms/openday/protocol/openid-connect/certs");
        return jwks.GetProperty("keys")[0].GetProperty("kid").GetString()!;
    }
}
