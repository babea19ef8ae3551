namespace Chat.Client.Tui.ViewModels;

/// <summary>Gives each nickname a stable colour slot, the same in every session and on every machine.</summary>
public static class NickColors
{
    /// <summary>How many distinct nick colours the views provide.</summary>
    public const int Count = 12;

    /// <summary>The colour slot for a name: a hash of the name in lower case (names differ only beyond letter case).</summary>
    /// <param name="userName">A user name.</param>
    /// <returns>A slot from 0 to <see cref="Count"/> - 1.</returns>
    public static int IndexOf(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);

        // FNV-1a: string.GetHashCode is randomised per process, which would change colours between runs.
        var hash = 2166136261u;
        foreach (var c in userName)
        {
            hash ^= char.ToLowerInvariant(c);
            hash *= 16777619u;
        }

        return (int)(hash % Count);
    }
}
