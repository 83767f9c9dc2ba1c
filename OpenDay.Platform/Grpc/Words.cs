namespace OpenDay.Platform.Grpc;

/// <summary>Statuses and other enum values as the lower-case words a message shows: RegistrationOpen → "registration open".</summary>
public static class Words
{
    public static string Of(Enum value) => string.Concat(value.ToString().Select((c, i) =>
        i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
