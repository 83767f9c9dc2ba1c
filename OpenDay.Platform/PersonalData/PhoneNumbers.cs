using System.Text.RegularExpressions;

namespace OpenDay.Platform.PersonalData;

/// <summary>Mainland mobile and landline numbers: validation and the only form in which they leave a service.</summary>
public static partial class PhoneNumbers
{
    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileRegex();

    // Area code 0xx(x), a dash optional, a 7–8 digit number: 0539-2251234.
    [GeneratedRegex(@"^0\d{2,3}-?\d{7,8}$")]
    private static partial Regex LandlineRegex();

    /// <summary>11 digits starting 13–19 (SPEC.md §3).</summary>
    public static bool IsMobile(string? value) => value is not null && MobileRegex().IsMatch(value);

    public static bool IsMobileOrLandline(string? value) =>
        value is not null && (MobileRegex().IsMatch(value) || LandlineRegex().IsMatch(value));

    /// <summary>Keeps the first three and the last four digits: 138****5678.</summary>
    public static string Mask(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value.Length <= 7) return new string('*', value.Length);
        return value[..3] + new string('*', value.Length - 7) + value[^4..];
    }
}
