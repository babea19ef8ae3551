using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Chat.Server;

/// <summary>
/// Password hashes as the server keeps them, for registered names (<c>accounts.json</c>) and operator
/// accounts (<c>--operator NAME:HASH</c>): PBKDF2 with HMAC-SHA256, a random 16-byte salt and a 32-byte
/// hash, written <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c>. A password is
/// checked by hashing it again with the stored salt and iterations and comparing in constant time
/// (<see cref="CryptographicOperations.FixedTimeEquals"/>).
/// </summary>
/// <remarks>Hashing is slow on purpose: run it through the <see cref="PasswordVerifier"/>, never on a session's read loop.</remarks>
internal static class PasswordHash
{
    /// <summary>The iterations a new hash gets unless told otherwise (OWASP's figure for PBKDF2-HMAC-SHA256).</summary>
    public const int DefaultIterations = 600_000;

    /// <summary>The most iterations a hash may ask for, so that a hash from a file cannot hold the server for minutes.</summary>
    public const int MaxIterations = 10_000_000;

    /// <summary>The word a hash begins with.</summary>
    public const string Scheme = "pbkdf2-sha256";

    private const int SaltLength = 16;
    private const int HashLength = 32;

    /// <summary>Hashes a password with a new random salt.</summary>
    /// <param name="password">The password.</param>
    /// <param name="iterations">How many PBKDF2 iterations.</param>
    /// <returns>The hash in its written form.</returns>
    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(iterations, MaxIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltLength);
        var hash = Derive(password, salt, iterations);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether a password is the one a hash was made from.</summary>
    /// <param name="password">The password given; empty when none was.</param>
    /// <param name="encoded">The hash in its written form.</param>
    /// <returns><see langword="true"/> when it is; <see langword="false"/> for another password or a hash that is not well formed.</returns>
    public static bool Verify(string password, string encoded)
    {
        if (!TryParse(encoded, out var iterations, out var salt, out var expected, out _))
        {
            return false;
        }

        var actual = Derive(password ?? string.Empty, salt, iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Checks that a hash is well formed.</summary>
    /// <param name="encoded">The hash in its written form.</param>
    /// <param name="problem">What is wrong with it, in words, when it is not.</param>
    /// <returns>Whether it is well formed.</returns>
    public static bool IsWellFormed(string encoded, out string problem) => TryParse(encoded, out _, out _, out _, out problem);

    private static bool TryParse(string encoded, out int iterations, out byte[] salt, out byte[] hash, out string problem)
    {
        iterations = 0;
        salt = hash = [];
        var parts = (encoded ?? string.Empty).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme)
        {
            problem = $"a password hash has the form {Scheme}$<iterations>$<salt>$<hash> (as Chat.Server hash-password prints it)";
            return false;
        }

        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1 || iterations > MaxIterations)
        {
            problem = $"the iterations of a password hash must be a whole number from 1 to {MaxIterations}, not \"{parts[1]}\"";
            return false;
        }

        salt = FromBase64(parts[2]);
        hash = FromBase64(parts[3]);
        if (salt.Length < 8 || hash.Length != HashLength)
        {
            problem = "the salt or the hash of a password hash is not well-formed base64 of the right length";
            return false;
        }

        problem = string.Empty;
        return true;
    }

    private static byte[] FromBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : [];
    }

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashLength);
}
