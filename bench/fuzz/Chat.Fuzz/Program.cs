using SharpFuzz;

namespace Chat.Fuzz;

/// <summary>
/// The fuzz harness's entry point. Under AFL++ (bench/fuzz/run.sh) it takes inputs from the fuzzer;
/// <c>--check file...</c> runs saved inputs (seeds, crashes) once each and says what each did.
/// </summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--check")
        {
            return Check(args[1..]);
        }

        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            FuzzTarget.Run(copy.ToArray());
        });
        return 0;
    }

    private static int Check(string[] files)
    {
        var failed = 0;
        foreach (var file in files)
        {
            try
            {
                FuzzTarget.Run(File.ReadAllBytes(file));
                Console.WriteLine($"ok    {file}");
            }
            catch (Exception ex)
            {
                failed++;
                Console.WriteLine($"CRASH {file}: {ex}");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
