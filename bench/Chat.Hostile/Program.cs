namespace Chat.Hostile;

/// <summary>The entry point: everything about the command line lives in <see cref="HostileCommandLine"/>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => HostileCommandLine.RunAsync(args, Console.Out, Console.Error);
}
