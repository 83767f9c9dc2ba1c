using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace OpenDay.Registrations.PersonalData;

/// <summary>
/// ID and mobile numbers at rest: an AES-256-GCM encrypted copy (readable only with the key) and a keyed hash
/// (HMAC-SHA-256 with a second key) that finds duplicates without the number ever being readable from the database.
/// Keys come from configuration (<c>PersonalData:EncryptionKey</c>, <c>PersonalData:HashKey</c>, 32 bytes, base64),
/// which the AppHost generates and keeps in its state folder.
/// </summary>
public sealed class PersonalDataProtector
{
    private const byte FormatVersion = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(byte[] encryptionKey, byte[] hashKey)
    {
        if (encryptionKey.Length != 32 || hashKey.Length != 32)
        {
            throw new ArgumentException("Personal data keys must be 32 bytes each.");
        }
        _encryptionKey = encryptionKey;
        _hashKey = hashKey;
    }

    public static PersonalDataProtector FromConfiguration(IConfiguration configuration) => new(
        Key(configuration, "PersonalData:EncryptionKey"), Key(configuration, "PersonalData:HashKey"));

    private static byte[] Key(IConfiguration configuration, string name) =>
        configuration[name] is { Length: > 0 } value
            ? Convert.FromBase64String(value)
            : throw new InvalidOperationException($"{name} is not configured: the AppHost sets it (32 random bytes, base64).");

    /// <summary>version (1 byte) | nonce (12) | ciphertext | tag (16).</summary>
    public byte[] Encrypt(string value)
    {
        var plaintext = Encoding.UTF8.GetBytes(value);
        var sealedValue = new byte[1 + NonceSize + plaintext.Length + TagSize];
        sealedValue[0] = FormatVersion;
        var nonce = sealedValue.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Encrypt(nonce, plaintext, sealedValue.AsSpan(1 + NonceSize, plaintext.Length), sealedValue.AsSpan(^TagSize));
        return sealedValue;
    }

    public string Decrypt(byte[] sealedValue)
    {
        if (sealedValue.Length < 1 + NonceSize + TagSize || sealedValue[0] != FormatVersion)
        {
            throw new CryptographicException("Not a value this protector sealed.");
        }
        var plaintext = new byte[sealedValue.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(_encryptionKey, TagSize);
        aes.Decrypt(sealedValue.AsSpan(1, NonceSize), sealedValue.AsSpan(1 + NonceSize, plaintext.Length), sealedValue.AsSpan(^TagSize), plaintext);
        return Encoding.UTF8.GetString(plaintext);
    }

    /// <summary>The same value always gives the same 32 bytes under the same key; without the key it reveals nothing.</summary>
    public byte[] Hash(string value) => HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value));

    /// <summary>A number in the three forms it is kept in: sealed, hashed for look-ups, and masked for people to see.</summary>
    public ProtectedNumber Protect(string value, Func<string, string> mask) => new(Encrypt(value), Hash(value), mask(value));
}

/// <summary>An ID or mobile number as it is stored: never readable without the key, found by its keyed hash, shown masked.</summary>
public readonly record struct ProtectedNumber(byte[] Encrypted, byte[] Hash, string Masked);

public static class PersonalDataExtensions
{
    /// <summary>The protector, from configuration; a service without keys refuses to start rather than store numbers in clear.</summary>
    public static IHostApplicationBuilder AddPersonalDataProtection(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(PersonalDataProtector.FromConfiguration(builder.Configuration));
        return builder;
    }
}
