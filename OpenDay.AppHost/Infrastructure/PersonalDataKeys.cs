using System.Security.Cryptography;

namespace OpenDay.AppHost.Infrastructure;

public static class PersonalDataKeys
{
    private static readonly string[] Keys = ["EncryptionKey", "HashKey"];

    /// <summary>
    /// The keys that encrypt and hash ID and mobile numbers (parameters <c>personal-data-encryption-key</c> and
    /// <c>personal-data-hash-key</c>). Where none is configured, 32 random bytes each are generated once and kept in
    /// the state folder: losing them makes the stored numbers unreadable and duplicates unfindable, so production sets
    /// them from its secret store.
    /// </summary>
    public static IResourceBuilder<T> WithPersonalDataKeys<T>(this IResourceBuilder<T> service, OpenDaySettings settings)
        where T : IResourceWithEnvironment
    {
        var builder = service.ApplicationBuilder;
        foreach (var key in Keys)
        {
            var name = $"personal-data-{(key == "HashKey" ? "hash" : "encryption")}-key";
            if (string.IsNullOrEmpty(builder.Configuration[$"Parameters:{name}"]))
            {
                builder.Configuration[$"Parameters:{name}"] = KeptKey(Path.Combine(settings.StateDirectory, $"{name}.base64"));
            }
            service.WithEnvironment($"PersonalData__{key}", builder.AddParameter(name, secret: true));
        }
        return service;
    }

    /// <summary>
    /// The key of the assessment service's keyed hash of questionnaire answer codes (parameter
    /// <c>answer-code-hash-key</c>): one code answers a questionnaire once, and the code itself is never stored.
    /// Kept like the personal-data keys; its own key, so neither service holds the other's.
    /// </summary>
    public static IResourceBuilder<T> WithAnswerCodeKey<T>(this IResourceBuilder<T> service, OpenDaySettings settings)
        where T : IResourceWithEnvironment
    {
        const string name = "answer-code-hash-key";
        var builder = service.ApplicationBuilder;
        if (string.IsNullOrEmpty(builder.Configuration[$"Parameters:{name}"]))
        {
            builder.Configuration[$"Parameters:{name}"] = KeptKey(Path.Combine(settings.StateDirectory, $"{name}.base64"));
        }
        return service.WithEnvironment("Questionnaires__CodeHashKey", builder.AddParameter(name, secret: true));
    }

    private static string KeptKey(string file)
    {
        if (File.Exists(file)) return File.ReadAllText(file).Trim();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(file, key);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}
