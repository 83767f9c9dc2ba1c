using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenDay.EndToEnd.Tests.Infrastructure;

namespace OpenDay.EndToEnd.Tests;

[Collection(StackCollection.Name)]
public class StackTests(OpenDayStack stack)
{
    [Fact]
    public void Every_resource_is_running_and_healthy()
    {
        foreach (var name in OpenDayStack.Resources)
        {
            Assert.True(stack.App.ResourceNotifications.TryGetCurrentState(name, out var resource), $"{name} is not in the app model");
            Assert.Equal(KnownResourceStates.Running, resource.Snapshot.State?.Text);
            Assert.Equal(HealthStatus.Healthy, resource.Snapshot.HealthStatus);
        }
    }

    [Theory]
    [InlineData("units")]
    [InlineData("events")]
    [InlineData("registrations")]
    [InlineData("assessment")]
    [InlineData("identity")]
    [InlineData("gateway")]
    [InlineData("portal")]
    public async Task Health_and_liveness_answer_without_a_token(string resource)
    {
        using var client = stack.App.CreateHttpClient(resource, "http");
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
        Assert.Equal("Healthy", await client.GetStringAsync("/alive"));
    }

    [Fact]
    public void Local_mode_keeps_its_state_in_the_state_folder()
    {
        Assert.True(File.Exists(Path.Combine(stack.StateDirectory, "postgres", "PG_VERSION")));
        Assert.True(Directory.Exists(Path.Combine(stack.StateDirectory, "redis")));
        Assert.True(File.Exists(stack.SigningKeyFile));
    }
}
