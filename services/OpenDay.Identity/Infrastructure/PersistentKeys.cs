using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace OpenDay.Identity.Infrastructure;

/// <summary>
/// RSA keys kept as PEM files in the state folder, so tokens signed before a restart still validate after it
/// and refresh tokens issued before it can still be redeemed.
/// </summary>
public static class PersistentKeys
{
    public static RsaSecurityKey LoadOrCreate(string directory, string name)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".pem");
        var rsa = RSA.Create();
        if (File.Exists(path))
        {
            rsa.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            rsa.KeySize = 2048;
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            File.Move(temporary, path, overwrite: false);
        }
        // A stable key id derived from the public key: the JWKS "kid" stays the same across restarts.
        var keyId = Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16];
        return new RsaSecurityKey(rsa) { KeyId = keyId };
    }
}
