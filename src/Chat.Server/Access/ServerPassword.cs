using System.Security.Cryptography;
using System.Text;

namespace Chat.Server;

/// <summary>
/// The password a server asks for (<c>--password-file</c>). Only its SHA-256 hash is kept, and a
/// client's password is compared with it in constant time: both are hashed to the same length and
/// compared with <see cref="CryptographicOperations.FixedTimeEquals"/>, so how long the check takes
/// says nothing about how much of a guess was right. <see cref="ToString"/> never shows it.
/// </summary>
internal sealed class ServerPassword
{
    private readonly byte[] _hash;

    /// <summary>Keeps the password's hash.</summary>
    /// <param name="password">The password; not empty.</param>
    public ServerPassword(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
    }

    /// <summary>Whether a client gave this password.</summary>
    /// <param name="given">What the client sent (<c>Hello.Password</c>); empty when it sent none.</param>
    /// <returns><see langword="true"/> when it is the password.</returns>
    public bool Matches(string? given)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(given ?? string.Empty), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _hash);
    }

    /// <inheritdoc />
    public override string ToString() => "(a password)";
}
