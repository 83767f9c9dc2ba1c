using System.Security.Cryptography;
using System.Text;
using OpenDay.Platform.PersonalData;
using OpenDay.Registrations.PersonalData;

namespace OpenDay.Registrations.Tests;

/// <summary>ID and mobile numbers at rest: an encrypted copy only the key opens, and a keyed hash for duplicates.</summary>
public class PersonalDataProtectorTests
{
    private readonly PersonalDataProtector _protector = new(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void The_encrypted_copy_round_trips_and_does_not_contain_the_number()
    {
        var sealedValue = _protector.Encrypt("11010519491231002X");
        Assert.DoesNotContain("11010519491231002X", Encoding.UTF8.GetString(sealedValue));
        Assert.Equal("11010519491231002X", _protector.Decrypt(sealedValue));
        Assert.NotEqual(sealedValue, _protector.Encrypt("11010519491231002X")); // a fresh nonce each time
    }

    [Fact]
    public void A_tampered_copy_or_another_key_is_refused()
    {
        var sealedValue = _protector.Encrypt("13905390001");
        sealedValue[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => _protector.Decrypt(sealedValue));
        var other = new PersonalDataProtector(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        Assert.ThrowsAny<CryptographicException>(() => other.Decrypt(_protector.Encrypt("13905390001")));
    }

    [Fact]
    public void The_hash_finds_the_same_number_only_under_the_same_key()
    {
        Assert.Equal(_protector.Hash("11010519491231002X"), _protector.Hash("11010519491231002X"));
        Assert.NotEqual(_protector.Hash("11010519491231002X"), _protector.Hash("440524188001010014"));
        var other = new PersonalDataProtector(RandomNumberGenerator.GetBytes(32), RandomNumberGenerator.GetBytes(32));
        Assert.NotEqual(_protector.Hash("11010519491231002X"), other.Hash("11010519491231002X"));
        Assert.NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes("11010519491231002X")), _protector.Hash("11010519491231002X"));
    }
}
