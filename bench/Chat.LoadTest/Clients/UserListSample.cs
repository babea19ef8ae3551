namespace Chat.LoadTest.Clients;

/// <summary>
/// The clients of a run whose <c>ChatClient.Users</c> is compared name by name with the run's
/// users at the end: <c>--presence-sample</c> of them, spread evenly from the first to the last.
/// Only these clients keep a user list in the client library (<c>ChatClientOptions.TrackUsers</c>);
/// every client's presence is checked through its <see cref="PresenceSet"/>, so 10,000 clients do
/// not each hold a set of 10,000 names.
/// </summary>
internal static class UserListSample
{
    /// <summary>The indices of the sampled clients, first to last.</summary>
    /// <param name="sample">How many clients to sample (at most <paramref name="count"/>).</param>
    /// <param name="count">How many clients the run has.</param>
    public static IReadOnlyList<int> Indices(int sample, int count)
    {
        sample = Math.Min(sample, count);
        var indices = new List<int>(Math.Max(sample, 0));
        for (var k = 0; k < sample; k++)
        {
            var index = sample == 1 ? 0 : (int)((long)k * (count - 1) / (sample - 1));
            if (indices.Count == 0 || indices[^1] != index)
            {
                indices.Add(index);
            }
        }

        return indices;
    }
}
