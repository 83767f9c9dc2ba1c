namespace OpenDay.EndToEnd.Tests.Infrastructure;

/// <summary>
/// For what arrives a moment later (an event change through the outbox, a telemetry batch, a reconnect to Redis):
/// polls until it has happened instead of sleeping a fixed time that a slower machine may overrun. Gives up quietly;
/// the assertion after it says what is missing.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan DefaultWithin = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> until, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? DefaultWithin);
        while (true)
        {
            var value = await probe();
            if (until(value) || DateTime.UtcNow >= deadline) return value;
            await Task.Delay(Interval);
        }
    }

    public static Task<bool> HoldsAsync(Func<bool> condition, TimeSpan? within = null) =>
        ReturnsAsync(() => Task.FromResult(condition()), held => held, within);
}
