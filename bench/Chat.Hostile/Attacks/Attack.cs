namespace Chat.Hostile.Attacks;

/// <summary>One way to misbehave, run on one connection of its own.</summary>
/// <param name="Name">A short name, as the command line takes it.</param>
/// <param name="Description">What the attacker does, in words.</param>
/// <param name="Run">Runs the attack once against a target; the random source gives names and bytes.</param>
/// <param name="MayStayOpen">
/// Whether the server may rightly leave the connection open when the attacker's patience runs out
/// (a client that does not read is dropped only once it costs the server too much).
/// </param>
internal sealed record Attack(
    string Name, string Description, Func<AttackTarget, Random, CancellationToken, Task<AttackResult>> Run, bool MayStayOpen = false)
{
    /// <summary>Runs the attack once.</summary>
    public Task<AttackResult> RunAsync(AttackTarget target, Random random, CancellationToken cancellationToken = default) =>
        Run(target, random, cancellationToken);

    public override string ToString() => Name;
}
