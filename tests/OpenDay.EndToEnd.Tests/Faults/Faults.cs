using System.Diagnostics;
using OpenDay.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace OpenDay.EndToEnd.Tests.Faults;

/// <summary>
/// Real faults for the fault suite: a resource's process tree is killed with SIGKILL, as the kernel's OOM killer or a
/// crash would end it, and nothing in the test starts it again; the AppHost's supervisor must.
/// </summary>
public static class Faults
{
    public static readonly TimeSpan Recovery = TimeSpan.FromMinutes(2);

    /// <summary>The process id the orchestrator reports for the resource (the server, or `dotnet run` of a project).</summary>
    public static int ProcessId(OpenDayStack stack, string resource)
    {
        Assert.True(stack.App.ResourceNotifications.TryGetCurrentState(resource, out var state), $"no state for {resource}");
        var pid = state.Snapshot.Properties.SingleOrDefault(p => p.Name == "executable.pid")?.Value;
        Assert.NotNull(pid);
        return Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many restarts the supervisor has recorded on the resource (its dashboard property).</summary>
    public static int SupervisorRestarts(OpenDayStack stack, string resource) =>
        stack.App.ResourceNotifications.TryGetCurrentState(resource, out var state)
        && state.Snapshot.Properties.SingleOrDefault(p => p.Name == "supervisor.restarts")?.Value is { } count
            ? Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>kill -9 of the resource's whole process tree (a project's `dotnet run` and the app under it; PostgreSQL's postmaster and backends).</summary>
    public static int Kill(OpenDayStack stack, string resource)
    {
        var pid = ProcessId(stack, resource);
        using var process = Process.GetProcessById(pid);
        process.Kill(entireProcessTree: true); // SIGKILL on Linux: no shutdown hook runs
        return pid;
    }

    /// <summary>Waits until the supervisor has brought the resource back as a new process and it is healthy again.</summary>
    public static async Task<TimeSpan> WaitRestartedAsync(OpenDayStack stack, string resource, int killedPid, Stopwatch sinceKill)
    {
        using var timeout = new CancellationTokenSource(Recovery);
        await stack.App.ResourceNotifications.WaitForResourceAsync(resource,
            e => e.Snapshot.State?.Text == KnownResourceStates.Running
                 && e.Snapshot.Properties.SingleOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
                 && Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture) != killedPid,
            timeout.Token);
        await stack.App.ResourceNotifications.WaitForResourceHealthyAsync(resource, timeout.Token);
        return sinceKill.Elapsed;
    }

    /// <summary>
    /// Leaves the stack as the other tests expect it: every resource running and healthy. Starts a resource the
    /// supervisor did not bring back only so that a failing fault test does not take the rest of the run with it
    /// (the test has already failed by then).
    /// </summary>
    public static async Task RestoreAsync(OpenDayStack stack)
    {
        using var timeout = new CancellationTokenSource(Recovery);
        foreach (var name in OpenDayStack.Resources)
        {
            if (stack.App.ResourceNotifications.TryGetCurrentState(name, out var state)
                && state.Snapshot.State?.Text is "Exited" or "Finished" or "FailedToStart" or "Terminated")
            {
                await stack.App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand, timeout.Token);
            }
        }
        await stack.WaitAllHealthyAsync(Recovery);
    }

    /// <summary>The p-th percentile (0..1) of the sorted values, nearest rank.</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>One row of the fault suite's table, printed in the test output and appended to a file beside the tests.</summary>
public sealed record FaultReport(string Fault, int Requests, int Failures, TimeSpan Slowest, TimeSpan Recovery, int AcknowledgedWritesLost, string Notes = "")
{
    public const string Header = "| fault | requests | failures | slowest answer | time to recovery | acknowledged writes lost | notes |\n|---|---|---|---|---|---|---|";

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "fault-report.md");

    public void Print(ITestOutputHelper output)
    {
        var row = $"| {Fault} | {Requests} | {Failures} | {Slowest.TotalMilliseconds:F0} ms | {Recovery.TotalSeconds:F1} s | {AcknowledgedWritesLost} | {Notes} |";
        output.WriteLine(Header);
        output.WriteLine(row);
        lock (typeof(FaultReport))
        {
            if (!File.Exists(FilePath)) File.WriteAllText(FilePath, Header + "\n");
            File.AppendAllText(FilePath, row + "\n");
        }
        Console.WriteLine($"FAULT {row}");
    }
}
