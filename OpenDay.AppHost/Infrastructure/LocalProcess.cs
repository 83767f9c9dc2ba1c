using System.Diagnostics;

namespace OpenDay.AppHost.Infrastructure;

/// <summary>Helpers for the processes local mode starts: PostgreSQL refuses to run as root.</summary>
internal static class LocalProcess
{
    public const string PostgresUser = "postgres";

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>As root, run <paramref name="command"/> as the postgres user (setpriv execs, so the pid stays the server's).</summary>
    public static (string Command, string[] Args) AsPostgresUser(string command, params string[] args) => IsRoot
        ? ("setpriv", ["--reuid=" + PostgresUser, "--regid=" + PostgresUser, "--init-groups", "--", command, .. args])
        : (command, args);

    public static void Run(string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{command} {string.Join(' ', args)}' failed with exit code {process.ExitCode}: {stderr.Result}{stdout.Result}");
        }
    }

    /// <summary>Hands a path to the postgres user when we are root (the server checks its data folder's owner).</summary>
    public static void GiveToPostgres(string path)
    {
        if (IsRoot) Run("chown", "-R", $"{PostgresUser}:{PostgresUser}", path);
    }

    /// <summary>The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/N/bin), else PATH.</summary>
    public static string PostgresBinary(string name)
    {
        var root = "/usr/lib/postgresql";
        var candidate = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(dir => (Version: int.TryParse(Path.GetFileName(dir), out var v) ? v : 0, Path: Path.Combine(dir, "bin", name)))
                .Where(c => File.Exists(c.Path))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Path)
                .FirstOrDefault()
            : null;
        return candidate ?? name;
    }

    /// <summary>
    /// A loopback port free right now, for a server the services reach directly rather than through the orchestrator's
    /// proxy: the proxy accepts a connection and holds it while the server behind it is dead, so callers hang until
    /// their timeout; a direct port refuses at once, and a server the supervisor restarts comes back on the same port.
    /// </summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
