namespace Chat.Server;

/// <summary>
/// Runs the slow password work (<see cref="PasswordHash"/>) on the thread pool, at most
/// <see cref="MaxConcurrent"/> at a time, so that a flood of logins waits its turn instead of
/// taking every core from the sessions. A caller awaits without holding a thread.
/// </summary>
internal sealed class PasswordVerifier : IDisposable
{
    /// <summary>How many hashes are computed at once.</summary>
    public const int MaxConcurrent = 2;

    private readonly SemaphoreSlim _slots = new(MaxConcurrent, MaxConcurrent);
    private readonly int _iterations;

    /// <summary>Creates a verifier.</summary>
    /// <param name="iterations">The iterations of the hashes it makes.</param>
    public PasswordVerifier(int iterations)
    {
        _iterations = iterations;
    }

    /// <summary>Whether a password matches a hash.</summary>
    /// <param name="password">The password given.</param>
    /// <param name="hash">The hash kept.</param>
    /// <param name="cancellationToken">Gives up the wait for a turn.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public Task<bool> VerifyAsync(string password, string hash, CancellationToken cancellationToken = default) =>
        RunAsync(() => PasswordHash.Verify(password, hash), cancellationToken);

    /// <summary>Hashes a new password.</summary>
    /// <param name="password">The password.</param>
    /// <param name="cancellationToken">Gives up the wait for a turn.</param>
    /// <returns>The hash in its written form.</returns>
    public Task<string> HashAsync(string password, CancellationToken cancellationToken = default) =>
        RunAsync(() => PasswordHash.Hash(password, _iterations), cancellationToken);

    public void Dispose() => _slots.Dispose();

    /// <summary>Runs slow work on the thread pool once one of the <see cref="MaxConcurrent"/> turns is free.</summary>
    /// <typeparam name="T">What the work makes.</typeparam>
    /// <param name="work">The work.</param>
    /// <param name="cancellationToken">Gives up the wait for a turn.</param>
    /// <returns>What the work made.</returns>
    internal async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
