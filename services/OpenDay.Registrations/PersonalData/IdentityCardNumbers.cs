using System.Globalization;

namespace OpenDay.Registrations.PersonalData;

/// <summary>Resident identity card numbers (居民身份证号码, GB 11643-1999): validation and the only form in which they leave a service.</summary>
public static class IdentityCardNumbers
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Upper-case X and no spaces: the form that is validated, hashed and stored.</summary>
    public static string Normalize(string? value) => (value ?? "").Trim().ToUpperInvariant();

    /// <summary>
    /// Why the number is not a valid one, in words for the person who typed it; null when it is valid: 18 characters,
    /// 17 digits then a digit or X, a birth date that exists and is not in the future, and the ISO 7064 MOD 11-2 check character.
    /// </summary>
    public static string? Problem(string? value, DateOnly today)
    {
        var number = Normalize(value);
        if (number.Length != 18 || !number[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(number[17]) || number[17] == 'X'))
        {
            return "id_number must be 18 characters: 17 digits, then a digit or X.";
        }
        if (!DateOnly.TryParseExact(number[6..14], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1900 || birth > today)
        {
            return "id_number holds no real birth date (characters 7–14 must be a past date, yyyyMMdd).";
        }
        return CheckCharacter(number) == number[17] ? null : "id_number's check character (the 18th) does not match: please check the number.";
    }

    /// <summary>The 18th character the first 17 digits call for.</summary>
    public static char CheckCharacter(string first17Digits)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17Digits[i] - '0') * Weights[i];
        return CheckCharacters[sum % 11];
    }

    /// <summary>The first four and last four characters: 3713**********1234 (SPEC.md §3).</summary>
    public static string Mask(string? value)
    {
        var number = Normalize(value);
        if (number.Length < 8) return new string('*', number.Length);
        return number[..4] + new string('*', number.Length - 8) + number[^4..];
    }
}
